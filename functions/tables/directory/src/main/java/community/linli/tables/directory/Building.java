package community.linli.tables.directory;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * A building of the community and the grid (网格) it belongs to; the QR code posted in it names
 * both. {@code latitude} and {@code longitude} (WGS-84 degrees, as the mini-program's location API
 * gives them with {@code type: 'wgs84'}) place it on the map; a building without them is found by
 * its QR code only.
 *
 * <p>{@code version} counts its changes (an item written before buildings had one counts as
 * {@value #FIRST_VERSION}); a change names the version it was based on. {@code previousGridId} is
 * the grid it last moved away from: its open requests still filed there are moved to
 * {@code gridId} by the next change of the building (or the retry of the move), so a move that
 * stopped halfway is finished rather than forgotten.
 */
public record Building(String id, String gridId, String name, Double latitude, Double longitude,
                       long version, String previousGridId) {
    public static final long FIRST_VERSION = 1;
    /** The mean Earth radius of the haversine formula, in meters. */
    static final double EARTH_RADIUS_METERS = 6_371_008.8;

    /** A building as a community's first setup writes it: version 1, never moved. */
    public Building(String id, String gridId, String name, Double latitude, Double longitude) {
        this(id, gridId, name, latitude, longitude, FIRST_VERSION, null);
    }

    public Building withVersion(long value) {
        return new Building(id, gridId, name, latitude, longitude, value, previousGridId);
    }

    public Building withPreviousGrid(String value) {
        return new Building(id, gridId, name, latitude, longitude, version, value);
    }

    public boolean located() {
        return latitude != null && longitude != null;
    }

    /** Great-circle (haversine) distance from this building to a point, in meters. */
    public double metersTo(double pointLatitude, double pointLongitude) {
        double dLat = Math.toRadians(pointLatitude - latitude);
        double dLng = Math.toRadians(pointLongitude - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(pointLatitude)) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** The located building nearest to a point, if one is within {@code maxMeters}. */
    public static Optional<Building> nearest(Collection<Building> buildings, double latitude, double longitude, double maxMeters) {
        return buildings.stream().filter(Building::located)
                .min(Comparator.comparingDouble(b -> b.metersTo(latitude, longitude)))
                .filter(b -> b.metersTo(latitude, longitude) <= maxMeters);
    }
}
