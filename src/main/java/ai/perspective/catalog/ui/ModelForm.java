package ai.perspective.catalog.ui;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.Catalog.ExternalEndpoint;
import ai.perspective.catalog.Catalog.ModelCard;
import ai.perspective.catalog.Catalog.ModelDraft;
import ai.perspective.catalog.Catalog.Task;
import ai.perspective.catalog.domain.ModelSpec;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates or edits a model with an external endpoint. Errors from the catalog name the offending
 * field; the form marks that field with the message, and nothing is saved until all is valid.
 */
class ModelForm extends Dialog {

    private final Catalog catalog;
    private final ModelCard existing;
    private final Runnable saved;

    private final TextField name = new TextField("Name (part of the id)");
    private final TextField title = new TextField("Title");
    private final TextArea description = new TextArea("Description (Markdown)");
    private final CheckboxGroup<Task> tasks = new CheckboxGroup<>("Tasks");
    private final ComboBox<String> licence = new ComboBox<>("Licence (SPDX id)");
    private final IntegerField contextLength = new IntegerField("Context length (tokens)");
    private final TextField inputPrice = new TextField("Input price per 1M tokens (POV base units)");
    private final TextField outputPrice = new TextField("Output price per 1M tokens (POV base units)");
    private final TextField baseUrl = new TextField("Endpoint base URL");
    private final TextField upstreamModel = new TextField("Upstream model name");
    private final PasswordField secret = new PasswordField("Endpoint API secret");
    private final TextArea examples = new TextArea("Example prompts (one per line)");
    private final Map<String, HasValidation> fields;

    ModelForm(Catalog catalog, ModelCard existing, Runnable saved) {
        this.catalog = catalog;
        this.existing = existing;
        this.saved = saved;
        setHeaderTitle(existing == null ? "New model" : "Edit " + existing.id());
        setWidth("44rem");
        name.setId("model-name");
        title.setId("model-title-field");
        description.setId("model-description-field");
        tasks.setId("model-tasks");
        licence.setId("model-licence");
        contextLength.setId("model-context");
        inputPrice.setId("model-input-price");
        outputPrice.setId("model-output-price");
        baseUrl.setId("model-base-url");
        upstreamModel.setId("model-upstream");
        secret.setId("model-secret");
        examples.setId("model-examples");
        examples.setHeight("8rem");
        examples.setHelperText("Requests this model answers well, one per line (up to " + ModelSpec.MAX_EXAMPLES
                + "). perspective/auto learns from them when to choose this model.");

        tasks.setItems(Task.values());
        tasks.setItemLabelGenerator(t -> t.name().toLowerCase(java.util.Locale.ROOT));
        licence.setItems(new TreeSet<>(ModelSpec.LICENCES));
        licence.setAllowCustomValue(true);
        licence.addCustomValueSetListener(e -> licence.setValue(e.getDetail()));
        description.setMaxLength(ModelSpec.MAX_DESCRIPTION);
        description.setHeight("10rem");
        secret.setHelperText(existing == null ? "Stored encrypted, never shown again."
                : "Leave empty to keep the stored secret. It is never shown again.");
        fields = Map.ofEntries(Map.entry("name", name), Map.entry("title", title), Map.entry("description", description),
                Map.entry("tasks", tasks), Map.entry("licence", licence), Map.entry("contextLength", contextLength),
                Map.entry("inputPricePerMillion", inputPrice), Map.entry("outputPricePerMillion", outputPrice),
                Map.entry("baseUrl", baseUrl), Map.entry("upstreamModel", upstreamModel), Map.entry("upstreamSecret", secret),
                Map.entry("examplePrompts", examples));

        if (existing != null) {
            name.setValue(existing.id().name());
            name.setReadOnly(true);
            title.setValue(existing.title());
            description.setValue(existing.description());
            tasks.setValue(existing.tasks());
            examples.setValue(String.join("\n", existing.examplePrompts()));
            licence.setValue(existing.licence());
            contextLength.setValue(existing.contextLength());
            inputPrice.setValue(existing.inputPricePerMillion().toString());
            outputPrice.setValue(existing.outputPricePerMillion().toString());
            if (existing.serving() instanceof ExternalEndpoint e) {
                baseUrl.setValue(e.baseUrl().toString());
                upstreamModel.setValue(e.upstreamModel());
            }
        } else {
            contextLength.setValue(8192);
            inputPrice.setValue("0");
            outputPrice.setValue("0");
        }
        FormLayout form = new FormLayout(name, title, description, tasks, licence, contextLength, inputPrice, outputPrice,
                baseUrl, upstreamModel, secret, examples);
        form.setColspan(description, 2);
        form.setColspan(examples, 2);
        form.setColspan(tasks, 2);
        add(form);

        Button save = new Button("Save", click -> save());
        save.setId("save-model");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    private void save() {
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            ModelDraft draft = new ModelDraft(name.getValue(), title.getValue(), description.getValue(),
                    Set.copyOf(tasks.getValue()), licence.getValue(),
                    contextLength.getValue() == null ? 0 : contextLength.getValue(),
                    number("inputPricePerMillion", inputPrice.getValue()), number("outputPricePerMillion", outputPrice.getValue()),
                    new ExternalEndpoint(url(baseUrl.getValue()), upstreamModel.getValue()),
                    secret.getValue().isEmpty() && existing != null ? null : secret.getValue(),
                    examples.getValue().lines().toList());
            ModelCard card = existing == null ? catalog.create(draft) : catalog.update(existing.id(), draft);
            close();
            saved.run();
            Notifications.success("Saved " + card.id() + ".");
        } catch (HubException e) {
            HasValidation field = e.field() == null ? null : fields.get(e.field());
            if (field != null) {
                // the message sits on the field itself; a toast would only cover the form
                field.setErrorMessage(e.getMessage());
                field.setInvalid(true);
            } else {
                Notifications.error(e.getMessage());
            }
        }
    }

    private static BigInteger number(String field, String text) {
        try {
            return text == null || text.isBlank() ? null : new BigInteger(text.strip());
        } catch (NumberFormatException e) {
            throw HubException.invalid(field, "invalid-price", "Enter a whole number of POV base units, e.g. 1000.");
        }
    }

    private static URI url(String text) {
        try {
            return text == null || text.isBlank() ? null : new URI(text.strip());
        } catch (URISyntaxException e) {
            throw HubException.invalid("baseUrl", "invalid-url", "'" + text + "' is not a URL.");
        }
    }
}
