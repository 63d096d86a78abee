package io.relais.shop.orders;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a customer orders: lines of reference x quantity. The customer defaults to the caller. */
public record OrderRequest(
        String customer,
        @Pattern(regexp = "retail|professional", message = "must be retail or professional")
        @JsonAlias("customer_type") String customerType,
        @NotEmpty @Size(max = 200) @Valid List<RequestedLine> lines,
        @JsonAlias("allow_split") Boolean allowSplit) {

    public record RequestedLine(
            @NotBlank @JsonAlias({"ref", "product_reference", "productReference"}) String reference,
            @NotNull @Min(1) @Max(100_000) Integer quantity) {
    }
}
