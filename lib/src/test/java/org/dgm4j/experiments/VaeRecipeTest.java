package org.dgm4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Mnist;
import org.dgm4j.model.ParameterCounts;
import org.dgm4j.train.Checkpoints;
import org.dgm4j.train.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The named VAE recipes: names, validation, and one cache entry shared by every user of a recipe. */
class VaeRecipeTest {

    private static NDManager manager;
    private static ImageDataset train;
    private static ImageDataset test;

    @TempDir
    static Path root;

    @BeforeAll
    static void data() {
        manager = Engines.newManager();
        train = Mnist.train(manager, 600, 3);
        test = Mnist.test(manager, 200, 4);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void namesSayArchitectureLatentAndBeta() {
        assertEquals("mlp-z2", VaeRecipe.mlp(2).name());
        assertEquals("conv-z4-beta0p001", VaeRecipe.conv(4).withBeta(0.001).name());
        assertEquals("β=128", VaeRecipe.mlp(2).withBeta(128).betaLabel());
        assertEquals(VaeRecipe.mlp(2), VaeRecipe.mlp(10).withLatent(2));
        assertEquals("vae-mlp-z2-7ep", VaeRecipe.mlp(2).withEpochs(7).cacheName(), "one checkpoint per training length");
    }

    @Test
    void architecturesAreTheReferenceOnes() {
        try (NDManager m = manager.newSubManager()) {
            // the reference study: dense 1,068,820 and conv 59,525 parameters at latent 2
            assertEquals(1_068_820, ParameterCounts.count(VaeRecipe.mlp(2).newModel().initialize(m)));
            assertEquals(59_525, ParameterCounts.count(VaeRecipe.conv(2).newModel().initialize(m)));
        }
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VaeRecipe("rnn", 2, 1, 10, 1, 1, 1e-3))
                .getMessage().contains("\"mlp\" or \"conv\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeRecipe.mlp(2).withBeta(-1))
                .getMessage().contains("β"));
        assertThrows(IllegalArgumentException.class, () -> VaeRecipe.mlp(0));
        assertThrows(IllegalArgumentException.class, () -> VaeRecipe.mlp(2).withTraining(10, 0, 1, 1e-3));
    }

    @Test
    void aSecondUserOfTheRecipeReloadsTheFirstOnesModel() {
        List<String> messages = new ArrayList<>();
        VaeRecipe recipe = VaeRecipe.mlp(2).withTraining(400, 1, 100, 2e-3);
        Checkpoints store = Checkpoints.at(root).reportingTo(messages::add);
        VaeRecipe.Trained first = recipe.fit(train, test, f -> f.progress(Progress.silent()).checkpoints(store));
        BetaSweep.Result sweep = BetaSweep.of(recipe).betas(1).trainOn(train).evaluateOn(test)
                .fit(f -> f.progress(Progress.silent()).checkpoints(store)).run();
        assertTrue(sweep.runs().get(0).history().fromCache(), messages.toString());
        assertEquals(1, messages.stream().filter(s -> s.startsWith("Loaded vae-mlp-z2")).count(), messages.toString());
        assertSame(recipe, first.recipe());
        assertEquals(first.history().last("val/total"), sweep.runs().get(0).history().last("val/total"), 1e-9);
    }

    @Test
    void theRecipesOwnDataGivesOneCacheEntryWhoeverCallsIt() {
        List<String> messages = new ArrayList<>();
        Checkpoints store = Checkpoints.at(root.resolve("own-data")).reportingTo(messages::add);
        VaeRecipe recipe = VaeRecipe.mlp(2).withTraining(300, 1, 100, 2e-3);
        int live = Engines.liveArrays();
        VaeRecipe.Trained first = recipe.fit(f -> f.progress(Progress.silent()).checkpoints(store));
        VaeRecipe.Trained second = recipe.fit(f -> f.progress(Progress.silent()).checkpoints(store));
        assertTrue(!first.history().fromCache() && second.history().fromCache(), messages.toString());
        assertEquals(first.history().last("val/total"), second.history().last("val/total"), 1e-9);
        int parameters = first.vae().getParameters().size() + second.vae().getParameters().size();
        assertTrue(Engines.liveArrays() - live <= parameters + 4, "the recipe's data is released after training: "
                + (Engines.liveArrays() - live) + " new live arrays for " + parameters + " parameters");
    }
}
