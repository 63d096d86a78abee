package io.relais.platform.camunda;

/** A route's way to say "this is a business outcome the process models" (a BPMN error with this code). */
public class BusinessError extends RuntimeException {

    private final String code;

    public BusinessError(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
