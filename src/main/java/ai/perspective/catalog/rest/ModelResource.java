package ai.perspective.catalog.rest;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.Catalog.BuiltIn;
import ai.perspective.catalog.Catalog.ExternalEndpoint;
import ai.perspective.catalog.Catalog.ModelCard;
import ai.perspective.catalog.Catalog.Serving;
import ai.perspective.catalog.Catalog.Task;
import ai.perspective.catalog.ModelId;
import ai.perspective.shared.HubException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Model cards over HTTP: creators create, edit, publish and unpublish theirs; anyone searches and
 * reads published ones; admins delist. The upstream secret is accepted, never returned.
 */
@Path("/models")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    @Inject
    Catalog catalog;

    public record ServingJson(String kind, String baseUrl, String upstreamModel, String engine) {
    }

    public record ModelRequest(String name, String title, String description, List<String> tasks, String licence,
            Integer contextLength, BigInteger inputPricePerMillion, BigInteger outputPricePerMillion,
            ServingJson serving, String upstreamSecret, List<String> examplePrompts) {
    }

    public record DelistRequest(String reason) {
    }

    public record ModelJson(String id, String creator, String creatorName, String title, String description,
            List<String> tasks, String licence, int contextLength, BigInteger inputPricePerMillion,
            BigInteger outputPricePerMillion, String status, ServingJson serving, long calls, Instant createdAt,
            Instant updatedAt, List<String> examplePrompts) {

        static ModelJson of(ModelCard m) {
            ServingJson serving = switch (m.serving()) {
                case ExternalEndpoint e -> new ServingJson("EXTERNAL", e.baseUrl().toString(), e.upstreamModel(), null);
                case BuiltIn b -> new ServingJson("BUILT_IN", null, null, b.engine());
            };
            return new ModelJson(m.id().toString(), m.creator().toString(), m.creatorName(), m.title(), m.description(),
                    m.tasks().stream().sorted().map(Task::name).toList(), m.licence(), m.contextLength(),
                    m.inputPricePerMillion(), m.outputPricePerMillion(), m.status().name(), serving, m.calls(),
                    m.createdAt(), m.updatedAt(), m.examplePrompts());
        }
    }

    public record FacetJson(String value, long count) {
    }

    public record SearchJson(List<ModelJson> models, long total, List<FacetJson> tasks, List<FacetJson> licences,
            List<FacetJson> creators) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("CREATOR")
    public Response create(ModelRequest request) {
        ModelCard card = catalog.create(draft(request));
        return Response.created(URI.create("models/" + card.id())).entity(ModelJson.of(card)).build();
    }

    /** Published models matching the query, with facet counts. Public: browsing needs no account. */
    @GET
    public SearchJson search(@QueryParam("q") String text, @QueryParam("task") List<String> tasks,
            @QueryParam("licence") List<String> licences, @QueryParam("creator") List<String> creators,
            @QueryParam("maxInputPrice") String maxInputPrice, @QueryParam("sort") String sort,
            @QueryParam("offset") @DefaultValue("0") String offset, @QueryParam("limit") @DefaultValue("20") String limit) {
        Catalog.SearchResult result = catalog.search(new Catalog.SearchQuery(text, tasks(tasks, "task"),
                Set.copyOf(licences), Set.copyOf(creators), price(maxInputPrice), sort(sort), number(offset, "offset"),
                number(limit, "limit")));
        return new SearchJson(result.models().stream().map(ModelJson::of).toList(), result.total(),
                facets(result.tasks()), facets(result.licences()), facets(result.creators()));
    }

    @GET
    @Path("/mine")
    @PermitAll
    public List<ModelJson> mine() {
        return catalog.myModels().stream().map(ModelJson::of).toList();
    }

    @GET
    @Path("/{creator}/{name}")
    public ModelJson model(@PathParam("creator") String creator, @PathParam("name") String name) {
        ModelId id = id(creator, name);
        return catalog.model(id).map(ModelJson::of)
                .orElseThrow(() -> HubException.notFound("model-not-found", "There is no model " + id + "."));
    }

    @PUT
    @Path("/{creator}/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("CREATOR")
    public ModelJson update(@PathParam("creator") String creator, @PathParam("name") String name, ModelRequest request) {
        return ModelJson.of(catalog.update(id(creator, name), draft(request)));
    }

    @POST
    @Path("/{creator}/{name}/publish")
    @RolesAllowed("CREATOR")
    public ModelJson publish(@PathParam("creator") String creator, @PathParam("name") String name) {
        return ModelJson.of(catalog.publish(id(creator, name)));
    }

    @POST
    @Path("/{creator}/{name}/unpublish")
    @PermitAll
    public ModelJson unpublish(@PathParam("creator") String creator, @PathParam("name") String name) {
        return ModelJson.of(catalog.unpublish(id(creator, name)));
    }

    @POST
    @Path("/{creator}/{name}/delist")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("ADMIN")
    public ModelJson delist(@PathParam("creator") String creator, @PathParam("name") String name, DelistRequest request) {
        return ModelJson.of(catalog.delist(id(creator, name), request == null ? null : request.reason()));
    }

    @POST
    @Path("/{creator}/{name}/reinstate")
    @RolesAllowed("ADMIN")
    public ModelJson reinstate(@PathParam("creator") String creator, @PathParam("name") String name) {
        return ModelJson.of(catalog.reinstate(id(creator, name)));
    }

    private static ModelId id(String creator, String name) {
        try {
            return new ModelId(creator, name);
        } catch (HubException e) {
            // a path that cannot be a model id names no model
            throw HubException.notFound("model-not-found", "There is no model " + creator + "/" + name + ".");
        }
    }

    static Catalog.ModelDraft draft(ModelRequest r) {
        if (r == null) {
            throw HubException.invalid(null, "missing-body", "Send the model as JSON: name, title, description, tasks, "
                    + "licence, contextLength, inputPricePerMillion, outputPricePerMillion, serving, upstreamSecret.");
        }
        return new Catalog.ModelDraft(r.name(), r.title(), r.description(),
                r.tasks() == null ? null : tasks(r.tasks(), "tasks"), r.licence(),
                r.contextLength() == null ? 0 : r.contextLength(), r.inputPricePerMillion(), r.outputPricePerMillion(),
                serving(r.serving()), r.upstreamSecret(), r.examplePrompts());
    }

    static Serving serving(ServingJson s) {
        if (s == null) {
            return null;
        }
        String kind = s.kind() == null ? "" : s.kind().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (kind) {
            case "EXTERNAL" -> new ExternalEndpoint(url(s.baseUrl()), s.upstreamModel());
            case "BUILT_IN", "BUILTIN" -> new BuiltIn(s.engine());
            default -> throw HubException.invalid("serving", "invalid-serving",
                    "serving.kind is EXTERNAL (an OpenAI-compatible endpoint) or BUILT_IN (an engine the hub runs).");
        };
    }

    private static URI url(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw HubException.invalid("baseUrl", "invalid-url", "'" + text + "' is not a URL.");
        }
    }

    static Set<Task> tasks(List<String> names, String field) {
        Set<Task> tasks = EnumSet.noneOf(Task.class);
        for (String name : new LinkedHashSet<>(names)) {
            try {
                tasks.add(Task.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw HubException.invalid(field, "unknown-task", "'" + name + "' is not a task; use one of "
                        + String.join(", ", EnumSet.allOf(Task.class).stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList()) + ".");
            }
        }
        return tasks;
    }

    private static BigInteger price(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigInteger(text.strip());
        } catch (NumberFormatException e) {
            throw HubException.invalid("maxInputPrice", "invalid-price", "maxInputPrice is a whole number of POV base units.");
        }
    }

    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw HubException.invalid(field, "invalid-page", field + " is a whole number.");
        }
    }

    private static Catalog.Sort sort(String text) {
        if (text == null || text.isBlank()) {
            return Catalog.Sort.RELEVANCE;
        }
        try {
            return Catalog.Sort.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw HubException.invalid("sort", "invalid-sort", "sort is relevance, most_used, newest or cheapest.");
        }
    }

    private static List<FacetJson> facets(List<Catalog.Facet> facets) {
        return facets.stream().map(f -> new FacetJson(f.value(), f.count())).toList();
    }
}
