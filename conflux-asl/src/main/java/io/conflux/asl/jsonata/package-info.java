/**
 * JSONata as AWS Step Functions runs it.
 *
 * <p>{@link io.conflux.asl.jsonata.JsonataCompiler} compiles, at load time, a field's value into a
 * {@link io.conflux.asl.jsonata.JsonataTemplate} (any JSON value with {@code "{% … %}"} strings in it) or one
 * {@link io.conflux.asl.jsonata.JsonataExpr}. Both evaluate against an {@link io.conflux.asl.expr.Scope}:
 * {@code $states.input}, {@code $states.context}, {@code $states.result}, {@code $states.errorOutput} and the
 * workflow variables come from it, and so do the randomness of {@code $random()}/{@code $uuid()} and the clock of
 * {@code $now()}/{@code $millis()}.
 *
 * <p>Every failure is a {@link io.conflux.asl.expr.StatesException} with error {@code States.QueryEvaluationError} and
 * AWS's cause without the engine's "An error occurred while executing the state …" prefix. A field that takes one JSON
 * type is evaluated with {@link io.conflux.asl.jsonata.JsonataExpr#evaluate(io.conflux.asl.expr.Scope, JsonType)}
 * (Map's {@code Items}: {@link io.conflux.asl.jsonata.JsonType#ARRAY}).
 */
package io.conflux.asl.jsonata;
