package community.linli.testkit.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored jars functions/pom.xml puts under a deployment zip's lib/, and the zip's size check. */
class LambdaZipTest {
    private static final LocalDateTime BUILD_TIME = LambdaZip.timestamp("2026-01-01T00:00:00Z");

    @TempDir
    Path temp;

    @Test
    void storeJar_keepsEveryEntrysNameOrderAndBytes_storedAtTheBuildTime() throws IOException {
        Path jar = deflatedJar(temp.resolve("in.jar"), LocalDateTime.of(2024, 5, 6, 7, 8, 10));

        Path stored = temp.resolve("out.jar");
        try (OutputStream out = Files.newOutputStream(stored)) {
            LambdaZip.storeJar(jar, out, BUILD_TIME);
        }

        List<ZipEntry> before = entries(jar);
        List<ZipEntry> after = entries(stored);
        assertThat(after).extracting(ZipEntry::getName).containsExactlyElementsOf(before.stream().map(ZipEntry::getName).toList());
        assertThat(after).allSatisfy(e -> {
            assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
            assertThat(e.getExtra()).isNull();
        });
        for (ZipEntry entry : before) assertThat(bytes(stored, entry.getName())).isEqualTo(bytes(jar, entry.getName()));
    }

    @Test
    void storeJar_givesTheSameBytes_whateverTheSourceEntriesTimes() throws IOException {
        Path older = deflatedJar(temp.resolve("older.jar"), LocalDateTime.of(2020, 1, 2, 3, 4, 6));
        Path newer = deflatedJar(temp.resolve("newer.jar"), LocalDateTime.of(2025, 11, 30, 23, 59, 58));

        var first = new ByteArrayOutputStream();
        var second = new ByteArrayOutputStream();
        LambdaZip.storeJar(older, first, BUILD_TIME);
        LambdaZip.storeJar(newer, second, BUILD_TIME);

        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
    }

    @Test
    void storedJar_deflatesSmallerInsideAZip_thanTheJarAsPublished() throws IOException, URISyntaxException {
        Path databind = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var stored = new ByteArrayOutputStream();
        LambdaZip.storeJar(databind, stored, BUILD_TIME);

        long asPublished = deflatedSize(Files.readAllBytes(databind));
        long asStored = deflatedSize(stored.toByteArray());

        assertThat(asStored).isLessThan(asPublished * 9 / 10);
    }

    @Test
    void storeJars_writesEachJarUnderItsName_andDropsJarsOfAnEarlierBuild() throws IOException {
        Path lib = Files.createDirectories(temp.resolve("lib"));
        Files.writeString(lib.resolve("removed-dependency-1.0.jar"), "left from the last build");
        Path a = deflatedJar(Files.createDirectories(temp.resolve("a")).resolve("alpha-1.0.jar"), LocalDateTime.of(2024, 1, 1, 0, 0));
        Path b = deflatedJar(Files.createDirectories(temp.resolve("b")).resolve("beta-2.0.jar"), LocalDateTime.of(2024, 1, 1, 0, 0));

        LambdaZip.storeJars(List.of(a, b), lib, BUILD_TIME);

        try (var files = Files.list(lib)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("alpha-1.0.jar", "beta-2.0.jar");
        }
        assertThat(entries(lib.resolve("beta-2.0.jar"))).extracting(ZipEntry::getMethod).containsOnly(ZipEntry.STORED);
    }

    @Test
    void storeJars_aClassesDirectoryOnTheClasspath_failsNamingIt() throws IOException {
        Path classes = Files.createDirectories(temp.resolve("platform/target/classes"));

        assertThatThrownBy(() -> LambdaZip.storeJars(List.of(classes), temp.resolve("lib"), BUILD_TIME))
                .hasMessageContaining(classes.toString()).hasMessageContaining("not a jar");
    }

    @Test
    void storeJars_twoJarsOfOneName_fails() throws IOException {
        Path a = deflatedJar(Files.createDirectories(temp.resolve("a")).resolve("core-1.0.jar"), LocalDateTime.of(2024, 1, 1, 0, 0));
        Path b = deflatedJar(Files.createDirectories(temp.resolve("b")).resolve("core-1.0.jar"), LocalDateTime.of(2024, 1, 1, 0, 0));

        assertThatThrownBy(() -> LambdaZip.storeJars(List.of(a, b), temp.resolve("lib"), BUILD_TIME))
                .hasMessageContaining("core-1.0.jar");
    }

    @Test
    void check_aZipOverTheLimit_failsWithItsSize() throws IOException {
        Path zip = deflatedJar(temp.resolve("function.zip"), LocalDateTime.of(2024, 1, 1, 0, 0));
        long size = Files.size(zip);

        assertThat(LambdaZip.check(zip, size, LambdaZip.MAX_UNZIPPED_BYTES).zipped()).isEqualTo(size);
        assertThatThrownBy(() -> LambdaZip.check(zip, size - 1, LambdaZip.MAX_UNZIPPED_BYTES))
                .hasMessageContaining(String.format("%,d bytes", size)).hasMessageContaining("lambda.zip.maxBytes");
    }

    @Test
    void check_aZipThatUnzipsOverTheLimit_fails() throws IOException {
        Path zip = deflatedJar(temp.resolve("function.zip"), LocalDateTime.of(2024, 1, 1, 0, 0));
        long unzipped = LambdaZip.check(zip, Long.MAX_VALUE, Long.MAX_VALUE).unzipped();

        assertThat(unzipped).isEqualTo(entries(zip).stream().mapToLong(ZipEntry::getSize).sum());
        assertThatThrownBy(() -> LambdaZip.check(zip, Long.MAX_VALUE, unzipped - 1)).hasMessageContaining("unzips to");
    }

    @Test
    void timestamp_readsMavensTwoForms() {
        assertThat(LambdaZip.timestamp("2026-01-01T00:00:00Z")).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
        assertThat(LambdaZip.timestamp("1767225600")).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
    }

    /** A jar as Maven Central publishes one: a manifest, a directory, repetitive class-like entries, deflated. */
    private static Path deflatedJar(Path file, LocalDateTime time) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(file))) {
            put(out, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n", time);
            put(out, "com/example/", "", time);
            for (int i = 0; i < 20; i++) {
                put(out, "com/example/Type" + i + ".class", ("CAFEBABE java/lang/Object com/example/Type" + i + " ").repeat(30), time);
            }
        }
        return file;
    }

    private static void put(ZipOutputStream out, String name, String content, LocalDateTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        out.putNextEntry(entry);
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static List<ZipEntry> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return new ArrayList<>(Collections.list(file.entries()));
        }
    }

    private static byte[] bytes(Path zip, String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile()); var in = file.getInputStream(file.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private static long deflatedSize(byte[] data) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("lib/a.jar"));
            zip.write(data);
            zip.closeEntry();
        }
        return out.size();
    }
}
