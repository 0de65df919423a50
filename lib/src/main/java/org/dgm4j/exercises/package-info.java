/**
 * Exercises that check themselves. A notebook's "your turn" cell holds a skeleton the student completes
 * (its body is {@link org.dgm4j.exercises.Exercise#todo()} until then); the check cell after it passes
 * the student's function or measurement to a check of this package, for example
 * {@code VaeChecks.klClosedForm((mu, logVar) -> myKl(mu, logVar))}. The check runs it on inputs it
 * chooses (edge cases included), compares with a reference the library computes, and shows a
 * {@link org.dgm4j.exercises.Verdict}: passed, not done yet, or failed with a hint that names the
 * probable mistake (a σ where log σ² belongs, a sum where a mean belongs, a wrong axis, a 0- vs 1-based
 * step, ...) and the first differing values. It never shows the solution's code.
 *
 * <p>One class of checks per lecture: {@link org.dgm4j.exercises.PrimerChecks} (00),
 * {@link org.dgm4j.exercises.AutoencoderChecks} (01), {@link org.dgm4j.exercises.VaeChecks} (02),
 * {@link org.dgm4j.exercises.BetaVaeChecks} (03), {@link org.dgm4j.exercises.DisentanglementChecks} (04),
 * {@link org.dgm4j.exercises.RotationChecks} (05), {@link org.dgm4j.exercises.SparsityChecks} (06),
 * {@link org.dgm4j.exercises.DiffusionChecks} (07). With {@code DGM4J_EXERCISES=strict} (as the
 * solution notebooks run in CI) a check that does not pass throws {@link org.dgm4j.exercises.ExerciseFailed}.
 */
package org.dgm4j.exercises;
