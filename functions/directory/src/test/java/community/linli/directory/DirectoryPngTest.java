package community.linli.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import community.linli.platform.qr.Png;
import community.linli.testkit.QrImages;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DirectoryPngTest {

    @Test
    void blackAndWhite_readsBackPixelForPixel_evenWhenRowsDoNotFillWholeBytes() {
        int width = 13;
        int height = 5;
        Png.Pixels diagonal = (x, y) -> (x + y) % 3 == 0;

        BufferedImage image = QrImages.image(Png.blackAndWhite(width, height, diagonal));

        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                assertThat(rgb).as("pixel %d,%d", x, y).isEqualTo(diagonal.dark(x, y) ? 0x000000 : 0xffffff);
            }
        }
    }

    @Test
    void blackAndWhite_isA1BitGrayscalePngOfSignatureIhdrIdatIend() {
        byte[] png = Png.blackAndWhite(9, 2, (x, y) -> x == y);

        var chunks = QrImages.chunks(png);

        assertThat(chunks).extracting(QrImages.Chunk::type).containsExactly("IHDR", "IDAT", "IEND");
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.crcValid()).as(chunk.type() + " CRC").isTrue());
        ByteBuffer ihdr = ByteBuffer.wrap(chunks.get(0).data());
        assertThat(ihdr.getInt()).as("width").isEqualTo(9);
        assertThat(ihdr.getInt()).as("height").isEqualTo(2);
        assertThat(ihdr.get()).as("bit depth").isEqualTo((byte) 1);
        assertThat(ihdr.get()).as("colour type: grayscale").isEqualTo((byte) 0);
        assertThat(ihdr.get()).as("compression").isEqualTo((byte) 0);
        assertThat(ihdr.get()).as("filter method").isEqualTo((byte) 0);
        assertThat(ihdr.get()).as("interlace").isEqualTo((byte) 0);
        assertThat(chunks.get(2).data()).isEmpty();
        assertThat(QrImages.image(png).getColorModel().getPixelSize()).isEqualTo(1);
    }

    @Test
    void blackAndWhite_ofNoPixels_isRefused() {
        assertThatThrownBy(() -> Png.blackAndWhite(0, 4, (x, y) -> true)).isInstanceOf(IllegalArgumentException.class);
    }
}
