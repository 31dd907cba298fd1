package community.linli.platform.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.net.URI;
import java.util.Map;

/**
 * The house's one QR encoder: a text as a PNG of its QR code, for the codes posted in buildings
 * and those shown at an activity's door. Only ZXing's bit matrix is used (zxing core, optional
 * here: a function that draws codes declares it, so the other zips stay without it); the PNG is
 * written by {@link Png}, so neither AWT nor zxing-javase loads on cold start.
 *
 * <p>Error correction M survives a scuffed or partly covered print; the quiet zone is the four
 * modules scanners expect. Callers pass ASCII text, so no ECI segment is written, which some
 * scanners misread.
 */
public final class QrCode {
    public static final int DEFAULT_SIZE = 512;
    public static final int MIN_SIZE = 128;
    public static final int MAX_SIZE = 1024;
    private static final int QUIET_ZONE_MODULES = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE_MODULES);

    private QrCode() {}

    /**
     * {@code baseUrl} if it can start a code's URL: absolute, with a host, and without query or
     * fragment (the code appends its own query); else fails at init, naming {@code variable}.
     */
    public static String baseUrl(String baseUrl, String variable) {
        URI uri = URI.create(baseUrl);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException(variable + " must be an absolute URL without query or fragment: " + baseUrl);
        }
        return baseUrl;
    }

    /** A {@code size} × {@code size} PNG; the modules are scaled by a whole number of pixels and centred. */
    public static byte[] png(String text, int size) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, HINTS);
        } catch (WriterException e) {
            throw new IllegalStateException("Cannot encode a QR code of " + text.length() + " characters", e);
        }
        return Png.blackAndWhite(matrix.getWidth(), matrix.getHeight(), matrix::get);
    }
}
