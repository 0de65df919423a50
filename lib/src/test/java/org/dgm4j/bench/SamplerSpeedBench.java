package org.dgm4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.dgm4j.Engines;
import org.dgm4j.diffusion.DdimSampler;
import org.dgm4j.diffusion.DdpmSampler;
import org.dgm4j.diffusion.DiffusionModel;
import org.dgm4j.diffusion.NoiseSchedule;
import org.dgm4j.diffusion.ReverseSampler;
import org.dgm4j.diffusion.SampleRun;
import org.dgm4j.diffusion.UNetConfig;

/**
 * Seconds per sampled image for DDPM (T = 1000) and DDIM (S = 50, 100) with the small U-Net (speed
 * does not depend on the weights, so the network is freshly initialised). Arguments: [images]
 * (default 16), [ddpm: true/false] (default true).
 */
public final class SamplerSpeedBench {

    private SamplerSpeedBench() {}

    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        boolean ddpm = args.length <= 1 || Boolean.parseBoolean(args[1]);
        System.out.println(Engines.describe() + ", " + images + " images per sampler");
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(1);
            DiffusionModel model = new DiffusionModel(UNetConfig.small(), NoiseSchedule.cosine(1000)).initialize(m, 28, 28);
            double ddpmSeconds = Double.NaN;
            ReverseSampler[] samplers = ddpm
                    ? new ReverseSampler[] {new DdimSampler(model.schedule(), 50, 0), new DdimSampler(model.schedule(), 100, 0), new DdpmSampler(model.schedule())}
                    : new ReverseSampler[] {new DdimSampler(model.schedule(), 50, 0), new DdimSampler(model.schedule(), 100, 0)};
            double ddim50 = Double.NaN;
            for (ReverseSampler sampler : samplers) {
                try (NDManager scope = m.newSubManager()) {
                    SampleRun run = sampler.sample(model, scope, images, 1);
                    System.out.printf("%s: %.3f s per image (%.1f s for %d)%n", sampler.describe(), run.secondsPerImage(),
                            run.seconds(), images);
                    if (sampler instanceof DdpmSampler) {
                        ddpmSeconds = run.secondsPerImage();
                    } else if (Double.isNaN(ddim50)) {
                        ddim50 = run.secondsPerImage();
                    }
                }
            }
            if (ddpm) {
                System.out.printf("DDIM-50 speed-up over DDPM-1000: %.1fx%n", ddpmSeconds / ddim50);
            }
        }
    }
}
