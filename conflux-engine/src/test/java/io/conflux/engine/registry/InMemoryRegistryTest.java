package io.conflux.engine.registry;

class InMemoryRegistryTest extends RegistryContract {
    @Override
    protected Registry newRegistry() {
        return new InMemoryRegistry();
    }

    @Override
    void two_nodes_publishing_at_once_get_distinct_consecutive_numbers() {
        // An in-memory registry is not shared between nodes.
    }

    @Override
    void a_second_node_sees_what_the_first_wrote_and_continues_its_numbering() {
        // An in-memory registry is not shared between nodes.
    }
}
