package community.linli.directory;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.net.URI;
import java.util.Map;

/**
 * The QR code posted in a building (or at a unit's door). Its text is a plain https URL that
 * WeChat's "scan an ordinary link QR code to open the mini-program" rule maps to the submit page,
 * which receives it URL-encoded as {@code q}:
 * {@code <base>?v=1&c=<community>&b=<building>[&u=<unit>][&r=<room>]}. {@code v} is the payload
 * format, so the page can tell codes already on the walls from any later format.
 *
 * <p>Error correction M survives a scuffed or partly covered print; the quiet zone is the four
 * modules scanners expect. The text is ASCII only, so no ECI segment is written, which some
 * scanners misread.
 */
final class BuildingQr {
    static final int FORMAT_VERSION = 1;
    static final int DEFAULT_SIZE = 512;
    static final int MIN_SIZE = 128;
    static final int MAX_SIZE = 1024;
    private static final int QUIET_ZONE_MODULES = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE_MODULES);

    private final String baseUrl;

    /** {@code baseUrl} comes from the template's QrBaseUrl: absolute, without query or fragment. */
    BuildingQr(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("QR_BASE_URL must be an absolute URL without query or fragment: " + baseUrl);
        }
        this.baseUrl = baseUrl;
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

    /** A {@code size} × {@code size} PNG; the modules are scaled by a whole number of pixels and centred. */
    byte[] png(String text, int size) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, HINTS);
        } catch (WriterException e) {
            throw new IllegalStateException("Cannot encode a QR code of " + text.length() + " characters", e);
        }
        return Png.blackAndWhite(matrix.getWidth(), matrix.getHeight(), matrix::get);
    }
}
