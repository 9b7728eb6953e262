package io.conflux.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One operation of the API: its input's members in, its output out; expected failures as {@link ApiException}. */
@FunctionalInterface
interface Operation {
    ObjectNode handle(Request request) throws InterruptedException;
}
