package io.conflux.triggers.spi;

/** A running source of events for one trigger. */
public interface TriggerSource extends AutoCloseable {

    /** Stops taking events; events in hand are finished or left unsettled (the source redelivers them). */
    @Override
    void close();
}
