package community.linli.testkit.lambda;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The two steps functions/pom.xml runs around the assembly of every deployment zip
 * (functions/lambda-zip.xml), so that no function configures them itself:
 * <ul>
 *   <li>{@code store <classpath file> <lib dir> <outputTimestamp>} (prepare-package): each runtime jar
 *       on the classpath maven-dependency-plugin wrote, rewritten into {@code lib dir} with every entry
 *       STORED. The zip's own deflate then compresses each jar whole, across its entries, where a jar's
 *       entries deflated one by one compress nothing further: RequestsFunction's zip shrinks by 30%.
 *       Lambda's class loader reads a stored entry with no inflating, so starting costs no more.</li>
 *   <li>{@code check <zip> <max bytes>} (package, after the assembly): fails when the zip exceeds
 *       {@code max bytes} or its content exceeds {@link #MAX_UNZIPPED_BYTES}.</li>
 * </ul>
 * Each stored jar is reproducible: its entries keep their names, order and bytes; every entry gets
 * the build's {@code project.build.outputTimestamp} as its time and no extra fields or comments, so
 * two builds give the same bytes in any time zone.
 */
public final class LambdaZip {
    /** Lambda's quota on a function's unzipped deployment package (layers included): 250 MB, in MiB as AWS counts it. */
    public static final long MAX_UNZIPPED_BYTES = 250L * 1024 * 1024;

    private LambdaZip() {}

    /** Fails (an exception naming the problem, which fails the Maven build) unless the step succeeded. */
    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("store")) {
            List<Path> jars = Stream.of(Files.readString(Path.of(args[1])).strip().split(File.pathSeparator))
                    .filter(s -> !s.isBlank()).map(Path::of).toList();
            storeJars(jars, Path.of(args[2]), timestamp(args[3]));
        } else if (args.length == 3 && args[0].equals("check")) {
            Sizes sizes = check(Path.of(args[1]), Long.parseLong(args[2]), MAX_UNZIPPED_BYTES);
            System.out.printf("%s: %,d bytes zipped, %,d unzipped%n", args[1], sizes.zipped(), sizes.unzipped());
        } else {
            throw new IllegalArgumentException("usage: store <classpath file> <lib dir> <outputTimestamp> | check <zip> <max bytes>");
        }
    }

    /**
     * Empties {@code libDir} and writes each of {@code jars} into it, under its own file name, with
     * every entry stored, timed {@code time}. A classpath entry that is not a jar (a reactor module's
     * classes directory, when the build stopped before its package phase) or two jars of one name fail.
     */
    public static void storeJars(List<Path> jars, Path libDir, LocalDateTime time) throws IOException {
        Files.createDirectories(libDir);
        try (Stream<Path> old = Files.list(libDir)) {
            for (Path file : old.toList()) Files.delete(file);
        }
        Set<String> names = new HashSet<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (!Files.isRegularFile(jar) || !name.endsWith(".jar")) {
                throw new IllegalStateException(jar + " is not a jar: package its module first (mvn package)");
            }
            if (!names.add(name)) throw new IllegalStateException("Two runtime jars are named " + name);
            try (OutputStream out = Files.newOutputStream(libDir.resolve(name))) {
                storeJar(jar, out, time);
            }
        }
    }

    /** {@code jar}'s entries, in its order, with the same names and bytes, each stored and timed {@code time}. */
    public static void storeJar(Path jar, OutputStream target, LocalDateTime time) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(target)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry source = entries.nextElement();
                byte[] bytes;
                try (var data = in.getInputStream(source)) {
                    bytes = data.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry stored = new ZipEntry(source.getName());
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(bytes.length);
                stored.setCompressedSize(bytes.length);
                stored.setCrc(crc.getValue());
                stored.setTimeLocal(time);
                try {
                    out.putNextEntry(stored);
                } catch (ZipException e) {
                    throw new IOException(jar + ": " + e.getMessage(), e);
                }
                out.write(bytes);
                out.closeEntry();
            }
        }
    }

    /** A zip's size on disk and the sum of its entries' sizes (what Lambda unpacks). */
    public record Sizes(long zipped, long unzipped) {}

    /** The zip's sizes; an exception naming the zip, its size and the limit when it is over either. */
    public static Sizes check(Path zip, long maxZipBytes, long maxUnzippedBytes) throws IOException {
        long zipped = Files.size(zip);
        long unzipped = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) unzipped += entries.nextElement().getSize();
        }
        if (zipped > maxZipBytes) {
            throw new IllegalStateException(String.format("%s is %,d bytes, over the limit of %,d bytes for a function's zip"
                    + " (functions/pom.xml, lambda.zip.maxBytes)", zip, zipped, maxZipBytes));
        }
        if (unzipped > maxUnzippedBytes) {
            throw new IllegalStateException(String.format("%s unzips to %,d bytes, over Lambda's limit of %,d bytes",
                    zip, unzipped, maxUnzippedBytes));
        }
        return new Sizes(zipped, unzipped);
    }

    /** Maven's {@code project.build.outputTimestamp}: an ISO-8601 instant or seconds since the epoch, as UTC date-time. */
    static LocalDateTime timestamp(String value) {
        Instant instant = value.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(value)) : Instant.parse(value);
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
