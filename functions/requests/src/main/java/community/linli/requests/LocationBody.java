package community.linli.requests;

import community.linli.core.http.Check;
import java.util.regex.Pattern;

/**
 * Where the request is, as the building's QR code carries it ({@code buildingId}, {@code unitId},
 * {@code roomId}, optionally {@code gridId}), or as a point with an address.
 */
record LocationBody(String gridId, String buildingId, String unitId, String roomId,
                    Double latitude, Double longitude, String address) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    LocationBody {
        Check check = Check.of()
                .matches("gridId", gridId, ID)
                .matches("buildingId", buildingId, ID)
                .matches("unitId", unitId, ID)
                .matches("roomId", roomId, ID)
                .range("latitude", latitude, -90, 90)
                .range("longitude", longitude, -180, 180)
                .text("address", address, 200);
        boolean inBuilding = buildingId != null;
        boolean atPoint = latitude != null || longitude != null || address != null;
        if (!inBuilding && !atPoint) {
            check.add("buildingId", "location_required");
        } else if (!inBuilding) {
            check.required("latitude", latitude).required("longitude", longitude).required("address", address);
        }
        if (!inBuilding && (unitId != null || roomId != null)) {
            check.required("buildingId", null);
        }
        check.done();
    }
}
