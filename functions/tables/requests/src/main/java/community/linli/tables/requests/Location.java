package community.linli.tables.requests;

/**
 * Where a request is: a building, unit and room from the QR code posted in the building, or a
 * point with an address for places outside buildings. {@code gridId} is resolved from the
 * building by the server, never trusted from the client alone.
 */
public record Location(String gridId, String buildingId, String unitId, String roomId,
                       Double latitude, Double longitude, String address) {}
