package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dgm4j.Describable;
import org.dgm4j.data.Batch;
import org.dgm4j.loss.LossTerms;
import org.dgm4j.loss.Objective;
import org.dgm4j.ops.Scalars;

/**
 * A small MLP VAE for tests of the training loop: forward(x) = (logits, mu, logvar) with
 * z = mu + exp(logvar / 2) * eps, eps from the engine RNG; Bernoulli decoder, standard normal prior.
 */
final class TinyVae extends AbstractBlock {

    private final int z;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;

    TinyVae(int pixels, int hidden, int z) {
        this.z = z;
        encoder = addChildBlock("encoder", new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2L * z).build()));
        decoder = addChildBlock("decoder", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(pixels).build()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = encoder.forward(ps, inputs, training).singletonOrThrow();
        NDArray mu = h.get(":, :" + z);
        NDArray logvar = h.get(":, " + z + ":");
        NDArray eps = h.getManager().randomNormal(mu.getShape());
        NDArray sample = mu.add(Scalars.mul(logvar, 0.5).exp().mul(eps));
        NDArray logits = decoder.forward(ps, new NDList(sample), training).singletonOrThrow();
        return new NDList(logits, mu, logvar);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, new Shape(inputShapes[0].get(0), z));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        Shape latent = new Shape(b, z);
        return new Shape[] {new Shape(b, inputShapes[0].size() / b), latent, latent};
    }

    /** Negative ELBO per image: BCE-with-logits summed over pixels plus KL, both averaged over the batch. */
    Objective objective() {
        return described("TinyVae negative ELBO", (batch, training, step) -> {
            ParameterStore ps = new ParameterStore(batch.manager(), false);
            NDArray x = batch.x().reshape(batch.size(), -1);
            NDList out = forward(ps, new NDList(batch.x()), training);
            NDArray logits = out.get(0);
            NDArray mu = out.get(1);
            NDArray logvar = out.get(2);
            // BCE with logits: max(l, 0) - l * x + log(1 + exp(-|l|))
            NDArray bce = logits.maximum(Scalars.like(logits, 0)).sub(logits.mul(x))
                    .add(Scalars.add(logits.abs().neg().exp(), 1).log());
            NDArray recon = bce.sum(new int[] {1}).mean();
            NDArray kl = Scalars.mul(Scalars.add(logvar, 1).sub(mu.square()).sub(logvar.exp())
                    .sum(new int[] {1}), -0.5).mean();
            return LossTerms.of(recon.add(kl)).with("recon", recon).with("kl", kl);
        });
    }

    /** {@code objective} described as {@code description}, so that its runs can be cached. */
    static Objective described(String description, Objective objective) {
        final class Described implements Objective, Describable {
            @Override
            public LossTerms compute(Batch batch, boolean training, long step) {
                return objective.compute(batch, training, step);
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public String toString() {
                return description;
            }
        }
        return new Described();
    }
}
