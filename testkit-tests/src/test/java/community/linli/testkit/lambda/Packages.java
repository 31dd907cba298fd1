package community.linli.testkit.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds Lambda deployment packages from compiled test classes, without compiling anything. */
final class Packages {
    private Packages() {}

    /** A task directory with the classes' files at its root, as Lambda unpacks a zip. */
    static Path taskDir(Path dir, Class<?>... classes) throws IOException {
        for (Class<?> type : classes) {
            Path out = dir.resolve(entryName(type));
            Files.createDirectories(out.getParent());
            try (InputStream in = classFile(type)) {
                Files.copy(in, out);
            }
        }
        return dir;
    }

    /** A task directory whose only content is lib/handler.jar holding the classes. */
    static Path taskDirWithLibJar(Path dir, Class<?>... classes) throws IOException {
        Path jar = Files.createDirectories(dir.resolve("lib")).resolve("handler.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            write(out, classes);
        }
        return dir;
    }

    /** A deployment zip with the classes at its root. */
    static Path zip(Path file, Class<?>... classes) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(file))) {
            write(out, classes);
        }
        return file;
    }

    private static void write(ZipOutputStream out, Class<?>... classes) throws IOException {
        for (Class<?> type : classes) {
            out.putNextEntry(new ZipEntry(entryName(type)));
            try (InputStream in = classFile(type)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
    }

    private static String entryName(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static InputStream classFile(Class<?> type) {
        InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class");
        if (in == null) throw new IllegalStateException("No class file for " + type.getName());
        return in;
    }
}
