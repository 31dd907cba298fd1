package community.linli.directory;

import community.linli.platform.http.Check;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /qr/buildings/{buildingId}} as received: the optional unit and room the
 * code is for, and its size in pixels. Other query parameters are ignored, since shared links often
 * carry tracking ones; a repeated parameter arrives joined by commas and fails its pattern. An
 * empty value ({@code ?unitId=}) is a value like any other, so it fails its pattern or type rather
 * than counting as absent.
 */
record QrOptions(String unitId, String roomId, String size) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    QrOptions {
        Check check = Check.of().matches("unitId", unitId, ID).matches("roomId", roomId, ID);
        if (size != null && !DIGITS.matcher(size).matches()) {
            check.add("size", "invalid_type", Map.of("expected", "integer"));
        } else if (size != null) {
            check.range("size", Integer.parseInt(size), BuildingQr.MIN_SIZE, BuildingQr.MAX_SIZE);
        }
        check.done();
    }

    static QrOptions from(Map<String, String> query) {
        Map<String, String> params = query == null ? Map.of() : query;
        return new QrOptions(params.get("unitId"), params.get("roomId"), params.get("size"));
    }

    int pixels() {
        return size == null ? BuildingQr.DEFAULT_SIZE : Integer.parseInt(size);
    }

    /** The file name the image is offered under: the building, and the unit when there is one. */
    String filename(String buildingId) {
        return buildingId + (unitId == null ? "" : "-" + unitId) + ".png";
    }
}
