package community.linli.residents;

import community.linli.platform.http.Check;
import community.linli.tables.residents.Relation;

/**
 * The body of {@code POST /applications}: the room from the building's QR code ({@code c}, {@code b},
 * {@code u}, {@code r}; the applicant picks unit and room when the code is the building's alone), the
 * name the applicant gives and their relation to the household's head.
 */
record ApplyBody(String communityId, String buildingId, String unitId, String roomId, String name, String relation) {
    ApplyBody {
        Check.of()
                .required("communityId", communityId).matches("communityId", communityId, Residents.ID)
                .required("buildingId", buildingId).matches("buildingId", buildingId, Residents.ID)
                .required("unitId", unitId).matches("unitId", unitId, Residents.ID)
                .required("roomId", roomId).matches("roomId", roomId, Residents.ID)
                .requiredText("name", name, Residents.MAX_NAME)
                .required("relation", relation).oneOf("relation", relation, Relation.wires())
                .done();
        name = name.strip();
    }
}
