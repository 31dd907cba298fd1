package community.linli.requests;

import community.linli.platform.http.Check;
import java.util.regex.Pattern;

/**
 * Where the request is, as the building's QR code carries it ({@code buildingId}, {@code unitId},
 * {@code roomId}, optionally {@code gridId}), or as a point with an address. Checked by the body
 * that holds it, so that all of a submit's errors come back in one round.
 */
record LocationBody(String gridId, String buildingId, String unitId, String roomId,
                    Double latitude, Double longitude, String address) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    void check(Check check, String prefix) {
        check.matches(prefix + "gridId", gridId, ID)
                .matches(prefix + "buildingId", buildingId, ID)
                .matches(prefix + "unitId", unitId, ID)
                .matches(prefix + "roomId", roomId, ID)
                .range(prefix + "latitude", latitude, -90, 90)
                .range(prefix + "longitude", longitude, -180, 180)
                .text(prefix + "address", address, 200);
        boolean inBuilding = buildingId != null;
        boolean atPoint = latitude != null || longitude != null || address != null;
        if (!inBuilding && !atPoint) {
            check.add(prefix + "buildingId", "location_required");
        } else if (!inBuilding) {
            check.required(prefix + "latitude", latitude).required(prefix + "longitude", longitude).required(prefix + "address", address);
        }
        if (!inBuilding) {
            // The grid, unit and room only mean something inside a building; the grid is then read from the directory.
            if (gridId != null) check.add(prefix + "gridId", "requires_building");
            if (unitId != null) check.add(prefix + "unitId", "requires_building");
            if (roomId != null) check.add(prefix + "roomId", "requires_building");
        }
    }
}
