package community.linli.tables.residents;

import java.util.Map;

/**
 * What one grid's active residents add up to: how many, in how many households (those with an
 * active member), how many carry each tag and each residence type.
 */
public record GridCounts(String gridId, int population, int households, Map<String, Integer> tags,
                         Map<String, Integer> residenceTypes) {
    public GridCounts {
        tags = Map.copyOf(tags);
        residenceTypes = Map.copyOf(residenceTypes);
    }
}
