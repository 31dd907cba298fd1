package community.linli.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is: template.yaml, events/, openapi.yaml and the project's .venv live at its root. */
public final class Repo {
    private Repo() {}

    /** The system property {@code linli.root} (set by Maven for tests), else the nearest parent holding template.yaml. */
    public static Path root() {
        String configured = System.getProperty("linli.root");
        if (configured != null && !configured.isBlank() && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml"))) return dir;
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find template.yaml above " + Path.of("").toAbsolutePath()
                + "; run from the repository or set -Dlinli.root");
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
