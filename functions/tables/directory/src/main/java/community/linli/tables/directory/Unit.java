package community.linli.tables.directory;

/**
 * A unit (单元) of a building: a stairwell with its own entrance and, often, its own QR code.
 * {@code name} is optional ({@code 2单元}); the id alone ({@code 2}) is what a QR code and a room
 * carry.
 */
public record Unit(String buildingId, String id, String name) {}
