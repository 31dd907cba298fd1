package community.linli.tables.directory;

/**
 * A room (户室) of a unit of a building: the address a household lives at. Ids are
 * {@code [A-Za-z0-9_-]}, unique within their parent ({@code B0301} / {@code 1} / {@code 302}), so a
 * room is named by the three of them together, as the QR code at a unit's door names it.
 */
public record Room(String buildingId, String unitId, String id, String name) {}
