package org.dgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves DJL needs no network: a fresh JVM in a network namespace with no interfaces up
 * ({@code unshare -n}) loads the PyTorch engine through {@link Engines} and runs an op. The JVM gets
 * no offline flags from outside, so the library must set them itself. Skipped (with the reason) where
 * unprivileged network namespaces are not allowed.
 */
@Tag("faults")
class OfflineTest {

    @Test
    void pytorchRunsWithTheNetworkUnreachable() throws Exception {
        assumeTrue(run(List.of("unshare", "-n", "true"), 30).exit == 0,
                "unshare -n is not permitted here (needs root or user namespaces)");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Result r = run(List.of("unshare", "-n", java, "-cp", System.getProperty("java.class.path"),
                OfflineProbe.class.getName()), 120);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("up-interfaces=0"), "the namespace still had a network:\n" + r.output);
        assertTrue(r.output.contains("sum=15.0"), r.output);
    }

    private static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + seconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static final class Result {
        final int exit;
        final String output;

        Result(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }
}
