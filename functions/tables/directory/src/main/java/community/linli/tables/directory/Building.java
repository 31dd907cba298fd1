package community.linli.tables.directory;

/** A building of the community and the grid (网格) it belongs to; the QR code posted in it names both. */
public record Building(String id, String gridId, String name) {}
