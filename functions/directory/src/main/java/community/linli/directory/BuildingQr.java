package community.linli.directory;

import community.linli.platform.qr.QrCode;

/**
 * The QR code posted in a building (or at a unit's door). Its text is a plain https URL that
 * WeChat's "scan an ordinary link QR code to open the mini-program" rule maps to the submit page,
 * which receives it URL-encoded as {@code q}:
 * {@code <base>?v=1&c=<community>&b=<building>[&u=<unit>][&r=<room>]}. {@code v} is the payload
 * format, so the page can tell codes already on the walls from any later format.
 *
 * <p>The image is the house's one encoder's ({@link QrCode}); the text is ASCII only.
 */
final class BuildingQr {
    static final int FORMAT_VERSION = 1;
    static final int DEFAULT_SIZE = QrCode.DEFAULT_SIZE;
    static final int MIN_SIZE = QrCode.MIN_SIZE;
    static final int MAX_SIZE = QrCode.MAX_SIZE;

    private final String baseUrl;

    /** {@code baseUrl} comes from the template's QrBaseUrl: absolute, without query or fragment. */
    BuildingQr(String baseUrl) {
        this.baseUrl = QrCode.baseUrl(baseUrl, "QR_BASE_URL");
    }

    /** Ids are {@code [A-Za-z0-9_-]}, which URLs carry as they are. */
    String url(String communityId, String buildingId, String unitId, String roomId) {
        StringBuilder url = new StringBuilder(baseUrl)
                .append("?v=").append(FORMAT_VERSION)
                .append("&c=").append(communityId)
                .append("&b=").append(buildingId);
        if (unitId != null) url.append("&u=").append(unitId);
        if (roomId != null) url.append("&r=").append(roomId);
        return url.toString();
    }

    /** A {@code size} × {@code size} PNG ({@link QrCode#png}). */
    byte[] png(String text, int size) {
        return QrCode.png(text, size);
    }
}
