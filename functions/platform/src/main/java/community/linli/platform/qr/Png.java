package community.linli.platform.qr;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a black-and-white image as a 1-bit grayscale PNG (RFC 2083): the signature, IHDR, one
 * IDAT and IEND. By hand rather than with javax.imageio, whose AWT classes would cost the function
 * cold-start time; 1-bit grayscale is all a QR code needs, and keeps the file small.
 */
public final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte BIT_DEPTH = 1;
    private static final byte GRAYSCALE = 0;
    private static final byte FILTER_NONE = 0;

    /** Which pixels are dark; all others are white. */
    public interface Pixels {
        boolean dark(int x, int y);
    }

    private Png() {}

    public static byte[] blackAndWhite(int width, int height, Pixels pixels) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("empty image " + width + "x" + height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put(BIT_DEPTH).put(GRAYSCALE).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", deflate(scanlines(width, height, pixels)));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Each row: a filter-type byte, then 8 pixels a byte, most significant bit first; 1 is white. */
    private static byte[] scanlines(int width, int height, Pixels pixels) {
        int rowBytes = 1 + (width + 7) / 8;
        byte[] raw = new byte[rowBytes * height];
        for (int y = 0; y < height; y++) {
            int row = y * rowBytes;
            raw[row] = FILTER_NONE;
            for (int x = 0; x < width; x++) {
                if (!pixels.dark(x, y)) raw[row + 1 + x / 8] |= (byte) (0x80 >>> (x % 8));
            }
        }
        return raw;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Length, type, data, then the CRC-32 of type and data. */
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
