package io.relais.resources;

import java.util.UUID;

import io.relais.platform.web.ApiProblem;

/** A path id: a UUID, else "not found" (an id that cannot exist names nothing). */
final class Ids {

    private Ids() {
    }

    static UUID of(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.notFound("no such id " + id);
        }
    }
}
