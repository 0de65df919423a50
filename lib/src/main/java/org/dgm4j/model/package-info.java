/**
 * Autoencoders and variational autoencoders as DJL blocks: {@link org.dgm4j.model.Autoencoder} (MLP,
 * convolutional), {@link org.dgm4j.model.Vae} (MLP 784-512-256-z, convolutional 28×28, β-VAE 64×64) and
 * {@link org.dgm4j.model.ConditionalVae}, which share {@link org.dgm4j.model.EncoderDecoder} (the two
 * networks, latent dimension, image shape and their checks). Encoders give (mu, logVar) as a
 * {@link org.dgm4j.model.Gaussian}; the reparameterisation z = mu + σ ⊙ ε is explicit, with ε from an injectable
 * {@link org.dgm4j.model.NoiseSource}; decoders give logits (sigmoid only for display) of the model's
 * likelihood p(x|z), a {@link org.dgm4j.model.Reconstruction} (Bernoulli unless set; Gaussian and
 * Laplace from {@link org.dgm4j.model.LogDensities}), which objectives and metrics take from the model. Networks are built
 * in {@link org.dgm4j.model.Networks}; {@link org.dgm4j.model.ParameterCounts} prints and counts
 * parameters (the reference counts 1,068,820 and 59,525 are those of {@code Vae.mlp(2)} and
 * {@code Vae.conv28(2)}).
 *
 * <pre>{@code
 * Vae vae = Vae.conv28(2);
 * History h = Fit.of(vae, new VaeObjective(vae)).train(train).epochs(20).batchSize(64).run();
 * System.out.print(ParameterCounts.summary(vae));      // ... total 59,525
 * Gaussian q = vae.encode(x);                          // inference mode
 * NDArray images = Activation.sigmoid(vae.sample(64, manager, 42));
 * }</pre>
 */
package org.dgm4j.model;
