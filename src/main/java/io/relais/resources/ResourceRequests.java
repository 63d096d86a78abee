package io.relais.resources;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the resource-sharing API accepts, as typed records with their limits: a value of the wrong JSON type, a text
 * too long or a list too big is a 400 naming the field, and the OpenAPI document shows each schema.
 */
public final class ResourceRequests {

    private ResourceRequests() {
    }

    public record NewResource(@NotBlank @Size(max = 300) String title, @Size(max = 10_000) String description,
                              @Size(max = 2_000) String url,
                              @Pattern(regexp = "link|document|video|image|tool|course|other", message = "one of link, document, video, image, tool, course, other") String type,
                              @Size(max = 200) String category,
                              @Size(max = 30, message = "at most 30 tags") List<@NotBlank @Size(max = 50) String> tags,
                              @Pattern(regexp = "public|private|group", message = "public, private or group") String visibility) {
    }

    /** Only the fields given change. */
    public record ResourceChanges(@Size(min = 1, max = 300) String title, @Size(max = 10_000) String description,
                                  @Size(max = 2_000) String url, @Size(max = 200) String category,
                                  @Size(max = 30, message = "at most 30 tags") List<@NotBlank @Size(max = 50) String> tags) {
    }

    public record NewComment(@NotBlank @Size(max = 5_000) String content, UUID parentId) {
    }

    public record Rating(@NotNull @Min(1) @Max(5) Integer rating) {
    }

    /** With one user (by username) or one group. */
    public record Share(@Size(max = 64) String username, UUID groupId) {
    }

    public record NewCollection(@NotBlank @Size(max = 200) String name, @Size(max = 2_000) String description, Boolean isPublic) {
    }

    public record NewGroup(@NotBlank @Size(max = 200) String name, @Size(max = 2_000) String description) {
    }

    public record NewSuggestion(@NotNull @Pattern(regexp = "category|tag", message = "category or tag") String kind,
                                @NotBlank @Size(max = 200) String name) {
    }

    public record Vote(@NotNull @Min(-1) @Max(1) Integer vote) {
    }

    public record CollectionChanges(@Size(min = 1, max = 200) String name, @Size(max = 2_000) String description, Boolean isPublic) {
    }

    public record CollectionAddition(@NotNull UUID resourceId) {
    }

    public record CommentChanges(@NotBlank @Size(max = 5_000) String content) {
    }

    public record ProfileChanges(@Size(min = 1, max = 100) String displayName, @Size(max = 2_000) String avatarUrl,
                                 @Size(max = 2_000) String bio) {
    }

    /** An admin setting: a key of letters, digits, dots, dashes and underscores, and any JSON value. */
    public record ConfigChange(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}", message = "letters, digits, . _ - (at most 100)") String key,
                               @NotNull com.fasterxml.jackson.databind.JsonNode value) {
    }

    /** A template: its name and the fields a resource made from it fills (any JSON array). */
    public record NewTemplate(@NotBlank @Size(max = 200) String name, @Size(max = 2_000) String description,
                              com.fasterxml.jackson.databind.JsonNode fields) {
    }

    /** A category under another (or at the top), at a position among its siblings. */
    public record NewCategory(@NotBlank @Size(max = 200) String name, UUID parentId, @Min(0) @Max(10_000) Integer position) {
    }

    /** A filter of a category: its name and its values (any JSON array). */
    public record NewFilter(@NotBlank @Size(max = 200) String name, com.fasterxml.jackson.databind.JsonNode values) {
    }
}
