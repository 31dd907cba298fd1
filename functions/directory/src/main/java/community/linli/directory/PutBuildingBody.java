package community.linli.directory;

import community.linli.platform.http.Check;

/**
 * The body of {@code PUT /buildings/{buildingId}}: the whole building, replacing what is stored.
 * {@code version} is 0 to create, else the version read. Coordinates are WGS-84 degrees, both or
 * neither (a building without them is found by its QR code only).
 */
record PutBuildingBody(String name, String gridId, Double latitude, Double longitude, Long version) {
    static final int MAX_NAME = 32;

    PutBuildingBody {
        Check check = Check.of()
                .requiredText("name", name, MAX_NAME)
                .required("gridId", gridId)
                .matches("gridId", gridId, Places.ID)
                .range("latitude", latitude, -90, 90)
                .range("longitude", longitude, -180, 180)
                .required("version", version)
                .atLeast("version", version, 0);
        if ((latitude == null) != (longitude == null)) {
            check.add(latitude == null ? "latitude" : "longitude", "coordinates_pair");
        }
        check.done();
        name = name.strip();
    }
}
