/**
 * Losses and ready-made training objectives: the {@link org.dgm4j.loss.Objective} interface the training
 * loop minimises, and its implementations. Every loss is returned as {@link org.dgm4j.loss.LossTerms}
 * with named components "recon", "kl" and "reg" (batch means). Reconstruction from logits
 * ({@link org.dgm4j.model.Reconstruction}: Bernoulli BCE-with-logits, MSE, Gaussian), closed-form and Monte
 * Carlo KL ({@link org.dgm4j.loss.Kl}), β and KL warm-up ({@link org.dgm4j.loss.KlWarmup}), the sparse prior
 * of Mathieu et al. 2019 ({@link org.dgm4j.loss.SparsePrior}) and the IMQ MMD ({@link org.dgm4j.loss.Mmd}).
 * Objectives for the training loop: {@link org.dgm4j.loss.AutoencoderObjective} (plain and denoising),
 * {@link org.dgm4j.loss.VaeObjective} (VAE, β-VAE, warm-up), {@link org.dgm4j.loss.ConditionalVaeObjective}
 * (both an {@link org.dgm4j.loss.AbstractVaeObjective}), {@link org.dgm4j.loss.SparsePriorVaeObjective} and
 * the diffusion models' {@link org.dgm4j.loss.DenoisingObjective}. They score with the model's likelihood
 * and describe themselves ({@link org.dgm4j.Describable}) for checkpoint keys. Scalars in differentiated code go through
 * {@link org.dgm4j.ops.Scalars}.
 *
 * <pre>{@code
 * Objective betaVae = new VaeObjective(vae, Reconstruction.bernoulli(), 4.0, KlWarmup.linear(2_000));
 * Objective sparse = new SparsePriorVaeObjective(vae, new SparsePrior(0.8), 1.0, 100.0);
 * }</pre>
 */
package org.dgm4j.loss;
