package community.linli.tables.residents;

/** A room of the directory and the grid its building belongs to, copied onto households and residents so their indexes can key on it. */
public record Address(String gridId, String buildingId, String unitId, String roomId) {}
