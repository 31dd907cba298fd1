package community.linli.tables.requests;

/**
 * Where a request is: a building, unit and room from the QR code posted in the building, or a
 * point with an address for places outside buildings. {@code gridId} is resolved by the server,
 * never trusted from the client alone: the building's grid, or for a point the grid of the nearest
 * building near enough; none when no building is (the staff's unplaced queue).
 */
public record Location(String gridId, String buildingId, String unitId, String roomId,
                       Double latitude, Double longitude, String address) {}
