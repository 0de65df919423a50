package org.dgm4j.bench;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import org.dgm4j.Profile;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Mnist;
import org.dgm4j.diffusion.DdimSampler;
import org.dgm4j.diffusion.DdpmSampler;
import org.dgm4j.diffusion.DiffusionModel;
import org.dgm4j.diffusion.ReverseSampler;
import org.dgm4j.diffusion.SampleRun;
import org.dgm4j.experiments.CourseClassifier;
import org.dgm4j.experiments.DiffusionRecipe;
import org.dgm4j.metrics.MnistClassifier;
import org.dgm4j.metrics.SampleQuality;
import org.dgm4j.train.History;

/**
 * Trains (or reloads) the DDPM of the current profile's {@link DiffusionRecipe} and the MNIST
 * classifier, then prints classifier accuracy, training time, and sample quality (classifier Fréchet
 * distance, confident share, class histogram) of DDIM-50, DDIM-100 and DDPM-1000 samples next to the
 * real-data floor at the same N. Arguments: [N samples] (default 500), [DDPM samples] (default 100; 0
 * skips DDPM).
 */
public final class DiffusionQualityBench {

    private DiffusionQualityBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int ddpmN = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Profile profile = Profile.current();
        DiffusionRecipe recipe = DiffusionRecipe.forProfile(profile);
        System.out.println(Engines.describe() + ", profile " + profile.id() + ", recipe " + recipe);
        try (NDManager m = Engines.newManager(); ImageDataset train = Mnist.train(m); ImageDataset test = Mnist.test(m)) {
            long t0 = System.nanoTime();
            MnistClassifier classifier = CourseClassifier.trained(m);
            System.out.printf("classifier: test accuracy %.4f (%.0f s incl. training or loading)%n",
                    classifier.accuracy(test), (System.nanoTime() - t0) / 1e9);
            SampleQuality quality = new SampleQuality(classifier, test);

            DiffusionModel model = recipe.newModel();
            History history = recipe.fit(model, train, test);
            double seconds = 0;
            for (double s : history.seconds()) {
                seconds += s;
            }
            System.out.printf("DDPM %s: %d parameters, final train eps-MSE %.4f, training time %.0f s (%.1f min)%s%n",
                    recipe.unet(), model.net().parameterCount(), history.last("train/total"), seconds, seconds / 60,
                    history.fromCache() ? " [from cache]" : "");

            List<SampleQuality.Report> reports = new ArrayList<>();
            reports.add(quality.realFloor(train, n, 1));
            for (ReverseSampler sampler : new ReverseSampler[] {new DdimSampler(model.schedule(), 50, 0), new DdimSampler(model.schedule(), 100, 0)}) {
                try (NDManager scope = m.newSubManager()) {
                    SampleRun run = sampler.sample(model, scope, n, 7);
                    reports.add(quality.evaluate(sampler.describe() + String.format(" [%.3f s/image]", run.secondsPerImage()),
                            run.images()));
                }
            }
            if (ddpmN > 1) {
                reports.add(quality.realFloor(train, ddpmN, 2));
                try (NDManager scope = m.newSubManager()) {
                    DdimSampler ddim = new DdimSampler(model.schedule(), 50, 0);
                    SampleRun small = ddim.sample(model, scope, ddpmN, 7);
                    reports.add(quality.evaluate(ddim.describe() + String.format(" at N=%d [%.3f s/image]", ddpmN,
                            small.secondsPerImage()), small.images()));
                    DdpmSampler ddpm = new DdpmSampler(model.schedule());
                    SampleRun run = ddpm.sample(model, scope, ddpmN, 7);
                    reports.add(quality.evaluate(ddpm.describe() + String.format(" [%.3f s/image]", run.secondsPerImage()),
                            run.images()));
                }
            }
            reports.forEach(System.out::println);
        }
    }
}
