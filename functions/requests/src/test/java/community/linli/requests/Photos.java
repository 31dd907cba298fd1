package community.linli.requests;

/** Small images to upload in tests; the server checks type and size, never pixels. */
final class Photos {
    private Photos() {}

    /** The start of a JPEG file followed by padding: a JPEG as far as content type and size go. */
    static byte[] jpeg() {
        byte[] bytes = new byte[2048];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        return bytes;
    }
}
