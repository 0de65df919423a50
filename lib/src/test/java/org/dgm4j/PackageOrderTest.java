package org.dgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's packages depend on each other in one direction only: a class may use classes of its own
 * layer and of the layers before it in {@link #ORDER}, never of a later one. Root classes are placed one
 * by one: {@code Profile}, {@code Engines} and {@code Describable} come first, {@code Course} (the
 * notebooks' set-up) last.
 */
class PackageOrderTest {

    /** The layers, lowest first: a package or a root class name. */
    static final List<String> ORDER = List.of("Profile Engines Describable", "ops", "data", "model", "diffusion",
            "loss", "train", "metrics", "experiments", "latent", "embed", "plot", "notebook", "exercises", "lecture",
            "Course");

    private static final Pattern PACKAGE = Pattern.compile("^package org\\.dgm4j(?:\\.(\\w+))?;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.dgm4j\\.(?:([a-z]\\w*)\\.)?([A-Z]\\w*)");

    @Test
    void everyReferenceGoesToTheSameOrAnEarlierLayer() throws IOException {
        Path root = Paths.get("src/main/java/org/dgm4j");
        assertTrue(Files.isDirectory(root), "run from lib/: " + root.toAbsolutePath());
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                sources.put(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertTrue(sources.size() > 100, "found " + sources.size() + " sources");
        assertEquals(List.of(), violations(sources));
    }

    @Test
    void anImportAgainstTheOrderIsReported() {
        Map<String, String> sources = Map.of(
                "model/Vae.java", "package org.dgm4j.model;\nimport org.dgm4j.train.Fit;\nimport org.dgm4j.ops.Scalars;\n",
                "train/Fit.java", "package org.dgm4j.train;\n/** See {@link org.dgm4j.notebook.Notebook}. */\n"
                        + "class Fit { Object p = org.dgm4j.notebook.Notebook.display(); }\n",
                "Engines.java", "package org.dgm4j;\nimport org.dgm4j.Course;\n");
        assertEquals(List.of("Engines.java: Profile Engines Describable -> Course",
                "model/Vae.java: model -> train (org.dgm4j.train.Fit)",
                "train/Fit.java: train -> notebook (org.dgm4j.notebook.Notebook)"), violations(sources));
    }

    /** "file: layer -> later layer (reference)" for every reference outside comments to a later layer. */
    static List<String> violations(Map<String, String> sources) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
            String code = e.getValue();
            Matcher pm = PACKAGE.matcher(code);
            if (!pm.find()) {
                out.add(e.getKey() + ": no org.dgm4j package line");
                continue;
            }
            String file = e.getKey().replaceAll(".*/", "").replace(".java", "");
            int from = layer(pm.group(1), file);
            for (String line : code.split("\n")) {
                String t = line.trim();
                if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
                    continue;
                }
                Matcher rm = REFERENCE.matcher(t);
                while (rm.find()) {
                    int to = layer(rm.group(1), rm.group(2));
                    if (to > from) {
                        String target = rm.group(1) == null ? rm.group(2) : rm.group(1);
                        out.add(e.getKey() + ": " + ORDER.get(from) + " -> " + target
                                + (rm.group(1) == null ? "" : " (" + rm.group() + ")"));
                    }
                }
            }
        }
        return out;
    }

    /** The layer of package {@code pkg} (null: the root package, placed by {@code rootClass}). */
    private static int layer(String pkg, String rootClass) {
        for (int i = 0; i < ORDER.size(); i++) {
            if (List.of(ORDER.get(i).split(" ")).contains(pkg == null ? rootClass : pkg)) {
                return i;
            }
        }
        throw new AssertionError("org.dgm4j." + (pkg == null ? rootClass : pkg)
                + " has no place in PackageOrderTest.ORDER: add it where its dependencies allow");
    }
}
