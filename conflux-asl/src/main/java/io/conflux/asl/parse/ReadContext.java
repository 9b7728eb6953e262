package io.conflux.asl.parse;

import io.conflux.asl.Asl;
import io.conflux.asl.QueryLanguage;

/**
 * What every reader of one definition shares.
 *
 * @param machineLanguage the machine's QueryLanguage: the default of every state at every depth (a Map's or a
 *     Parallel's own QueryLanguage does not reach the states inside it, as AWS has it)
 */
record ReadContext(DiagnosticSink sink, Asl.Options options, QueryLanguage machineLanguage) {}
