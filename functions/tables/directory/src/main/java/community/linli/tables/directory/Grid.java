package community.linli.tables.directory;

/** A grid (网格) of the community, walked by one grid worker. */
public record Grid(String id, String name) {}
