package community.linli.tables.directory;

/**
 * A tag a community puts on residents, from its managed list (a resident's tags must be on it).
 * A {@code sensitive} tag marks sensitive personal information under PIPL art. 28 (health, special
 * identity: disability, low income, living alone at an old age); it is shown only to the
 * community's staff and to the grid worker of the resident's grid, and cannot be set without a
 * recorded consent. {@code careCadenceDays}, when set, makes a tagged resident due for a care visit
 * (关爱走访) every that many days.
 */
public record Tag(String code, String name, String nameEn, boolean sensitive, Integer careCadenceDays) {}
