package community.linli.residents;

import community.linli.tables.residents.GridCounts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Grid statistics as the API shows them: per grid and in total (the community for staff and admins,
 * the caller's grids for a grid worker). Counts of sensitive tags are shown like the rest: only the
 * community's staff and admins and the grid worker of a grid, who may see those tags on its
 * residents, get a grid's counts at all (another grid is 403, and left out of a grid worker's total).
 */
record StatisticsView(String scope, Counts total, List<Counts> grids) {

    record Counts(String gridId, int population, int households, Map<String, Integer> tags, Map<String, Integer> residenceTypes) {}

    static StatisticsView of(String scope, List<GridCounts> grids) {
        List<Counts> shown = grids.stream().map(g -> new Counts(g.gridId(), g.population(), g.households(),
                new TreeMap<>(g.tags()), new TreeMap<>(g.residenceTypes()))).toList();
        Map<String, Integer> tags = new TreeMap<>();
        Map<String, Integer> types = new TreeMap<>();
        int population = 0;
        int households = 0;
        for (Counts c : shown) {
            population += c.population();
            households += c.households();
            c.tags().forEach((k, v) -> tags.merge(k, v, Integer::sum));
            c.residenceTypes().forEach((k, v) -> types.merge(k, v, Integer::sum));
        }
        return new StatisticsView(scope, new Counts(null, population, households, tags, types), shown);
    }
}
