package org.dgm4j.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's Java side runs every model it names (it is not part of the course's notebooks, so without
 * this test a change of the U-Net could break it unnoticed, as the conditional U-Net once did).
 */
class ComparisonBenchTest {

    @Test
    void everyModelTrainsAndInfersForAStep() {
        for (String model : new String[] {"mlp", "conv28", "conv64", "unet"}) {
            String out = run("model=" + model, "batch=2", "warmup=0", "seconds=0", "min-steps=1");
            for (String key : new String[] {"train_img_s=", "infer_img_s=", "peak_rss_mb="}) {
                assertTrue(out.contains("RESULT " + key), model + " must report " + key + " in:\n" + out);
            }
        }
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            ComparisonBench.main(args);
        } finally {
            System.setOut(original);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
