package community.linli.residents;

import community.linli.platform.http.Check;

/** The body of {@code POST /households}: a household number and the room it lives in, which must be a room of the directory. */
record CreateHouseholdBody(String buildingId, String unitId, String roomId, String householdNumber) {
    CreateHouseholdBody {
        Check.of()
                .required("buildingId", buildingId).matches("buildingId", buildingId, Residents.ID)
                .required("unitId", unitId).matches("unitId", unitId, Residents.ID)
                .required("roomId", roomId).matches("roomId", roomId, Residents.ID)
                .required("householdNumber", householdNumber).matches("householdNumber", householdNumber, Residents.HOUSEHOLD_NUMBER)
                .done();
    }
}
