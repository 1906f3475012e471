"""Provider schemas shaped like the real ones whose pages outgrow the Registry's limit.

``application_set_document`` follows the shape of Argo CD's ``argocd_application_set``: a
list of generators nested three levels deep through ``matrix`` and ``merge``, every generator
carrying the same application ``template`` subtree (metadata, sources with helm, kustomize,
directory and plugin settings, sync policy, ...) and the same label selectors and secret
references. Rendered the way tfplugindocs renders it, the page is about 1.2 MB.

``web_acl_document`` follows aws' WAFv2 web ACL: rules whose statements nest ``and``/``or``/
``not`` statements a few levels deep, each level repeating the same field-to-match and text
transformation subtrees.

Names and nesting follow the public schemas; descriptions are short sentences of our own.
"""

from __future__ import annotations

from typing import Any

ADDRESS = "registry.terraform.io/acme/argocd"
WAF_ADDRESS = "registry.terraform.io/acme/aws"


def _attr(kind: Any, description: str, **flags: Any) -> dict[str, Any]:
    if not flags:
        flags = {"optional": True}
    return {"type": kind, "description": description, "description_kind": "plain", **flags}


def _block(
    description: str,
    attributes: dict[str, Any] | None = None,
    blocks: dict[str, Any] | None = None,
    *,
    mode: str = "list",
    min_items: int = 0,
    max_items: int = 0,
) -> dict[str, Any]:
    inner: dict[str, Any] = {"description": description, "description_kind": "plain"}
    if attributes:
        inner["attributes"] = attributes
    if blocks:
        inner["block_types"] = blocks
    nested: dict[str, Any] = {"nesting_mode": mode, "block": inner}
    if min_items:
        nested["min_items"] = min_items
    if max_items:
        nested["max_items"] = max_items
    return nested


def _label_selector(description: str) -> dict[str, Any]:
    return _block(
        description,
        {
            "match_labels": _attr(
                ["map", "string"],
                "A map of {key,value} pairs. A single {key,value} in the map is equivalent to "
                "an element of `match_expressions` whose key field is the key, whose operator "
                "is `In` and whose values contain only the value.",
            )
        },
        {
            "match_expressions": _block(
                "A list of label selector requirements. The requirements are ANDed.",
                {
                    "key": _attr("string", "The label key that the selector applies to."),
                    "operator": _attr(
                        "string",
                        "A key's relationship to a set of values: `In`, `NotIn`, `Exists` or "
                        "`DoesNotExist`.",
                    ),
                    "values": _attr(
                        ["set", "string"],
                        "An array of string values. With `In` or `NotIn` it must not be "
                        "empty; with `Exists` or `DoesNotExist` it must be empty.",
                    ),
                },
            )
        },
        max_items=1,
    )


def _secret_ref(description: str) -> dict[str, Any]:
    return _block(
        description,
        {
            "key": _attr("string", "Key in the secret that holds the value.", required=True),
            "secret_name": _attr("string", "Name of the Kubernetes secret.", required=True),
        },
        max_items=1,
    )


def _metadata() -> dict[str, Any]:
    return _block(
        "Kubernetes object metadata of the generated applications.",
        {
            "annotations": _attr(
                ["map", "string"],
                "An unstructured key value map that may be used to store arbitrary metadata. "
                "Templates may use the generator's parameters in keys and values.",
            ),
            "finalizers": _attr(
                ["list", "string"],
                "Finalizers of the generated application, for example "
                "`resources-finalizer.argocd.argoproj.io` to cascade deletions.",
            ),
            "labels": _attr(
                ["map", "string"],
                "Map of string keys and values that can be used to organize and categorize "
                "(scope and select) the generated applications.",
            ),
            "name": _attr("string", "Name of the generated application (templated)."),
            "namespace": _attr(
                "string", "Namespace of the generated application; defaults to Argo CD's."
            ),
        },
        min_items=1,
        max_items=1,
    )


def _helm() -> dict[str, Any]:
    return _block(
        "Helm specific options.",
        {
            "ignore_missing_value_files": _attr(
                "bool", "Prevents helm template from failing when value files do not exist."
            ),
            "pass_credentials": _attr(
                "bool", "If true then adds --pass-credentials to helm commands."
            ),
            "release_name": _attr(
                "string", "Helm release name. If omitted it will use the application name."
            ),
            "skip_crds": _attr("bool", "Whether to skip custom resource definition installation."),
            "value_files": _attr(
                ["list", "string"], "List of Helm value files to use when generating a template."
            ),
            "values": _attr("string", "Helm values to be passed to 'helm template'."),
            "version": _attr("string", "The Helm version to use for templating: v2 or v3."),
            "api_versions": _attr(
                ["list", "string"],
                "Kubernetes API versions to pass to Helm when templating "
                "manifests. By default, Argo CD uses the API versions of the target cluster.",
            ),
            "kube_version": _attr(
                "string",
                "The Kubernetes API version to pass to Helm when templating "
                "manifests. By default, Argo CD uses the version of the target cluster.",
            ),
            "namespace": _attr("string", "The namespace Helm uses when templating manifests."),
            "skip_schema_validation": _attr(
                "bool",
                "Whether to skip the validation of the values against the chart's JSON schema.",
            ),
            "skip_tests": _attr("bool", "Whether to skip the chart's test manifests."),
        },
        {
            "file_parameter": _block(
                "File parameters for the helm template.",
                {
                    "name": _attr("string", "Name of the Helm parameter.", required=True),
                    "path": _attr(
                        "string", "Path to the file containing the value.", required=True
                    ),
                },
                mode="set",
            ),
            "parameter": _block(
                "Helm parameters which are passed to the helm template command upon manifest "
                "generation.",
                {
                    "force_string": _attr(
                        "bool",
                        "Determines whether to tell Helm to interpret booleans and "
                        "numbers as strings.",
                    ),
                    "name": _attr("string", "Name of the Helm parameter."),
                    "value": _attr("string", "Value of the Helm parameter."),
                },
                mode="set",
            ),
        },
        max_items=1,
    )


def _kustomize() -> dict[str, Any]:
    return _block(
        "Kustomize specific options.",
        {
            "common_annotations": _attr(
                ["map", "string"], "List of additional annotations to add to rendered manifests."
            ),
            "common_labels": _attr(
                ["map", "string"], "List of additional labels to add to rendered manifests."
            ),
            "images": _attr(["set", "string"], "List of Kustomize image override specifications."),
            "name_prefix": _attr("string", "Prefix appended to resources for Kustomize apps."),
            "name_suffix": _attr("string", "Suffix appended to resources for Kustomize apps."),
            "version": _attr("string", "Version of Kustomize to use for rendering manifests."),
            "force_common_annotations": _attr(
                "bool",
                "Whether to force applying the common annotations to resources that "
                "already carry them.",
            ),
            "force_common_labels": _attr(
                "bool",
                "Whether to force applying the common labels to resources that already carry them.",
            ),
            "namespace": _attr("string", "Namespace Kustomize sets on every resource."),
            "components": _attr(
                ["list", "string"], "Kustomize components to include when building manifests."
            ),
        },
        {
            "replicas": _block(
                "Replica count overrides for the resources Kustomize builds.",
                {
                    "count": _attr(
                        "string", "Number of replicas the resource should run.", required=True
                    ),
                    "name": _attr(
                        "string", "Name of the resource whose replicas are set.", required=True
                    ),
                },
            ),
            "patches": _block(
                "List of [Kustomize patches](https://kubectl.docs.kubernetes.io/references/"
                "kustomize/kustomization/patches/) to apply.",
                {
                    "options": _attr(["map", "bool"], "Additional options of the patch."),
                    "patch": _attr("string", "Inline Kustomize patch to apply."),
                    "path": _attr("string", "Path to a file containing the patch to apply."),
                },
                {
                    "target": _block(
                        "Target(s) to patch.",
                        {
                            "annotation_selector": _attr(
                                "string", "Annotation selector to use when matching."
                            ),
                            "group": _attr("string", "The Kubernetes resource Group to match."),
                            "kind": _attr("string", "The Kubernetes resource Kind to match."),
                            "label_selector": _attr(
                                "string", "Label selector to use when matching."
                            ),
                            "name": _attr("string", "The Kubernetes resource Name to match."),
                            "namespace": _attr(
                                "string", "The Kubernetes resource Namespace to match."
                            ),
                            "version": _attr("string", "The Kubernetes resource Version to match."),
                        },
                        max_items=1,
                    )
                },
            ),
        },
        max_items=1,
    )


def _jsonnet_var(description: str) -> dict[str, Any]:
    return _block(
        description,
        {
            "code": _attr("bool", "Determines whether the variable should be evaluated as code."),
            "name": _attr("string", "Name of Jsonnet variable."),
            "value": _attr("string", "Value of Jsonnet variable."),
        },
    )


def _directory() -> dict[str, Any]:
    return _block(
        "Path/directory specific options.",
        {
            "exclude": _attr(
                "string",
                "Glob pattern to match paths against that should be explicitly "
                "excluded from being used during manifest generation.",
            ),
            "include": _attr(
                "string",
                "Glob pattern to match paths against that should be explicitly "
                "included during manifest generation.",
            ),
            "recurse": _attr("bool", "Whether to scan a directory recursively for manifests."),
        },
        {
            "jsonnet": _block(
                "Jsonnet specific options.",
                {"libs": _attr(["list", "string"], "Additional library search dirs.")},
                {
                    "ext_var": _jsonnet_var("List of Jsonnet External Variables."),
                    "tla": _jsonnet_var("List of Jsonnet Top-level Arguments."),
                },
                max_items=1,
            )
        },
        max_items=1,
    )


def _plugin() -> dict[str, Any]:
    return _block(
        "Config management plugin specific options.",
        {
            "name": _attr(
                "string",
                "Name of the plugin. Only set the plugin name if the plugin "
                "is defined in `argocd-cm`.",
            )
        },
        {
            "env": _block(
                "Environment variables passed to the plugin.",
                {
                    "name": _attr("string", "Name of the environment variable."),
                    "value": _attr("string", "Value of the environment variable."),
                },
                mode="set",
            ),
            "parameters": _block(
                "Parameters passed to the plugin, as it announces them in its discovery output.",
                {
                    "array": _attr(["list", "string"], "Value of an array type parameter."),
                    "map": _attr(["map", "string"], "Value of a map type parameter."),
                    "name": _attr("string", "Name identifying the parameter.", required=True),
                    "string": _attr("string", "Value of a string type parameter."),
                },
            ),
        },
        max_items=1,
    )


def _source() -> dict[str, Any]:
    return _block(
        "Location of the application's manifests or chart.",
        {
            "chart": _attr(
                "string",
                "Helm chart name. Must be specified for applications sourced from a Helm repo.",
            ),
            "name": _attr(
                "string", "Name used to identify the source in a multi-source application."
            ),
            "path": _attr(
                "string",
                "Directory path within the repository. Only valid for "
                "applications sourced from Git.",
            ),
            "ref": _attr(
                "string",
                "Reference to another `source` within defined sources. See "
                "associated documentation on Helm value files from external Git "
                "repository for example usage.",
            ),
            "repo_url": _attr(
                "string",
                "URL to the repository (Git or Helm) that contains the application manifests.",
                required=True,
            ),
            "target_revision": _attr(
                "string",
                "Revision of the source to sync the application to. In case of Git, "
                "this can be commit, tag, or branch. If omitted, will equal to HEAD. In case of "
                "Helm, this is a semver tag for the Chart's version.",
            ),
        },
        {
            "directory": _directory(),
            "helm": _helm(),
            "kustomize": _kustomize(),
            "plugin": _plugin(),
        },
        min_items=1,
    )


def _sync_policy() -> dict[str, Any]:
    return _block(
        "Controls when and how a sync will be performed.",
        {
            "sync_options": _attr(
                ["list", "string"],
                "List of sync options. More info: "
                "https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/.",
            )
        },
        {
            "automated": _block(
                "Whether to automatically keep an application synced to the target revision.",
                {
                    "allow_empty": _attr("bool", "Allows apps to have zero live resources."),
                    "prune": _attr(
                        "bool",
                        "Whether to delete resources from the cluster that "
                        "are not found in the sources anymore as part of automated "
                        "sync.",
                    ),
                    "self_heal": _attr(
                        "bool",
                        "Whether to revert resources back to their "
                        "desired state upon modification in the cluster.",
                    ),
                },
                mode="set",
                max_items=1,
            ),
            "managed_namespace_metadata": _block(
                "Controls metadata in the given namespace (if `CreateNamespace=true`).",
                {
                    "annotations": _attr(
                        ["map", "string"], "Annotations to apply to the namespace."
                    ),
                    "labels": _attr(["map", "string"], "Labels to apply to the namespace."),
                },
                max_items=1,
            ),
            "retry": _block(
                "Controls failed sync retry behavior.",
                {
                    "limit": _attr(
                        "string",
                        "Maximum number of attempts for retrying a failed "
                        "sync. If set to 0, no retries will be performed.",
                    )
                },
                {
                    "backoff": _block(
                        "Controls how to backoff on subsequent retries of failed syncs.",
                        {
                            "duration": _attr(
                                "string",
                                "Duration is the amount to back off. "
                                "Default unit is seconds, but could also be a "
                                "duration (e.g. `2m`, `1h`), as a string.",
                            ),
                            "factor": _attr(
                                "string",
                                "Factor to multiply the base duration after each failed retry.",
                            ),
                            "max_duration": _attr(
                                "string",
                                "Maximum amount of time allowed "
                                "for the backoff strategy. Default unit is "
                                "seconds, but could also be a duration.",
                            ),
                        },
                        max_items=1,
                    )
                },
                max_items=1,
            ),
        },
        max_items=1,
    )


def _template(description: str) -> dict[str, Any]:
    """The application template every generator may carry (``template.metadata``, ...)."""
    spec = _block(
        "The application specification.",
        {
            "project": _attr(
                "string", "The project the application belongs to. Defaults to `default`."
            ),
            "revision_history_limit": _attr(
                "number",
                "Limits the number of items kept in the application's revision "
                "history, which is used for informational purposes as well as for rollbacks "
                "to previous versions. Default is 10.",
            ),
        },
        {
            "destination": _block(
                "Reference to the Kubernetes server and namespace in which the application "
                "will be deployed.",
                {
                    "name": _attr(
                        "string", "Name of the target cluster. Can be used instead of `server`."
                    ),
                    "namespace": _attr(
                        "string",
                        "Target namespace for the application's "
                        "resources. The namespace will only be set for "
                        "namespace-scoped resources that have not set a value "
                        "for .metadata.namespace.",
                    ),
                    "server": _attr(
                        "string",
                        "URL of the target cluster and must be set to "
                        "the Kubernetes control plane API.",
                    ),
                },
                min_items=1,
                max_items=1,
            ),
            "ignore_difference": _block(
                "Resources and their fields which should be ignored during comparison. More "
                "info: https://argo-cd.readthedocs.io/en/stable/user-guide/diffing/"
                "#application-level-configuration.",
                {
                    "group": _attr("string", "The Kubernetes resource Group to match for."),
                    "jq_path_expressions": _attr(
                        ["set", "string"],
                        "List of JQ path expression strings targeting the field(s) to ignore.",
                    ),
                    "json_pointers": _attr(
                        ["set", "string"],
                        "List of JSONPaths strings targeting the field(s) to ignore.",
                    ),
                    "kind": _attr("string", "The Kubernetes resource Kind to match for."),
                    "managed_fields_managers": _attr(
                        ["set", "string"],
                        "List of external "
                        "controller manager names whose changes "
                        "to fields should be ignored.",
                    ),
                    "name": _attr("string", "The Kubernetes resource Name to match for."),
                    "namespace": _attr("string", "The Kubernetes resource Namespace to match for."),
                },
            ),
            "info": _block(
                "List of information (URLs, email addresses, and plain text) that relates to "
                "the application.",
                {
                    "name": _attr("string", "Name of the information."),
                    "value": _attr("string", "Value of the information."),
                },
                mode="set",
            ),
            "source": _source(),
            "sync_policy": _sync_policy(),
        },
        min_items=1,
        max_items=1,
    )
    return _block(description, None, {"metadata": _metadata(), "spec": spec}, max_items=1)


GENERATOR_TEMPLATE = "Generator template. Used to override the values of the spec-level template."


def _scm_providers(pull_request: bool) -> dict[str, Any]:
    token = _secret_ref("Authentication token reference.")
    basic = _block(
        "Credentials for Basic auth.",
        {"username": _attr("string", "Username for Basic auth.")},
        {"password_ref": _secret_ref("Password (or personal access token) reference.")},
        max_items=1,
    )
    scan = (
        "Repo name to scan."
        if pull_request
        else "Scan all branches instead of just the default branch."
    )
    return {
        "azure_devops": _block(
            "Uses the Azure DevOps API to look up eligible repositories.",
            {
                "api": _attr(
                    "string", "The URL to Azure DevOps. Defaults to https://dev.azure.com."
                ),
                "organization": _attr(
                    "string",
                    'Azure DevOps organization, for example "my-organization".',
                    required=True,
                ),
                "team_project": _attr(
                    "string", 'Azure DevOps team project, for example "my-team".', required=True
                ),
                "repo" if pull_request else "all_branches": _attr("string", scan),
            },
            {
                "access_token_ref": _secret_ref(
                    "The Personal Access Token (PAT) to use when connecting."
                )
            },
            max_items=1,
        ),
        "bitbucket_cloud": _block(
            "Uses the Bitbucket API V2 to scan a workspace in bitbucket.org.",
            {
                "owner": _attr("string", "Bitbucket workspace to scan.", required=True),
                "user": _attr(
                    "string",
                    "Bitbucket user to use when authenticating. Should "
                    'have a "member" role to be able to read all repositories and '
                    "branches.",
                    required=True,
                ),
                "repo" if pull_request else "all_branches": _attr("string", scan),
            },
            {"app_password_ref": _secret_ref("The app password to use for the user.")},
            max_items=1,
        ),
        "bitbucket_server": _block(
            "Uses the Bitbucket Server API (1.0) to scan repositories in a project.",
            {
                "api": _attr(
                    "string",
                    "The Bitbucket REST API URL to talk to, e.g. https://bitbucket.org/rest.",
                    required=True,
                ),
                "project": _attr("string", "Project to scan.", required=True),
                "repo" if pull_request else "all_branches": _attr("string", scan),
            },
            {"basic_auth": basic},
            max_items=1,
        ),
        "gitea": _block(
            "Uses the Gitea API to scan organizations in your instance.",
            {
                "api": _attr(
                    "string", "The Gitea URL to talk to, for example https://gitea.mydomain.com/."
                ),
                "insecure": _attr("bool", "Allow self-signed TLS certificates."),
                "owner": _attr("string", "Gitea organization or user to scan.", required=True),
                "repo" if pull_request else "all_branches": _attr("string", scan),
            },
            {"token_ref": token},
            max_items=1,
        ),
        "github": _block(
            "Uses the GitHub API to scan an organization in either github.com or GitHub "
            "Enterprise.",
            {
                "api": _attr(
                    "string", "The GitHub API URL to talk to. Default https://api.github.com/."
                ),
                "app_secret_name": _attr(
                    "string",
                    "Reference to a GitHub App repo-creds "
                    "secret. Uses a GitHub App to access the API instead "
                    "of a PAT.",
                ),
                "labels" if pull_request else "organization": _attr(
                    ["list", "string"] if pull_request else "string",
                    "Labels used to filter the pull requests to target."
                    if pull_request
                    else "GitHub organization to scan.",
                ),
                "repo" if pull_request else "all_branches": _attr("string", scan),
            },
            {"token_ref": token},
            max_items=1,
        ),
        "gitlab": _block(
            "Uses the GitLab API to scan an organization in either gitlab.com or a self-hosted "
            "GitLab.",
            {
                "api": _attr("string", "The GitLab API URL to talk to."),
                "project" if pull_request else "group": _attr(
                    "string",
                    "GitLab project or group to scan. Use either the project id "
                    "(recommended) or the full namespaced path.",
                    required=True,
                ),
                "pull_request_state" if pull_request else "include_subgroups": _attr(
                    "string", "Only list pull requests in this state, or recurse through subgroups."
                ),
            },
            {"token_ref": token},
            max_items=1,
        ),
    }


def _generator(level: int) -> dict[str, Any]:
    """The generator block; ``level`` > 1 adds matrix and merge generators of ``level - 1``."""
    template = _template(GENERATOR_TEMPLATE)
    values = _attr(["map", "string"], "Arbitrary string key-value pairs to pass to the template.")
    blocks: dict[str, Any] = {
        "cluster_decision_resource": _block(
            "The [cluster decision resource](https://argo-cd.readthedocs.io/en/stable/"
            "operator-manual/applicationset/Generators-Cluster-Decision-Resource/) generator "
            "generates a list of Argo CD clusters.",
            {
                "config_map_ref": _attr(
                    "string",
                    "ConfigMap with the duck type definitions needed to retrieve the data.",
                    required=True,
                ),
                "name": _attr(
                    "string",
                    "Resource name of the kind, group and version, defined "
                    "in the `config_map_ref`.",
                ),
                "requeue_after_seconds": _attr(
                    "string", "How often to check for changes (in seconds). Default: 3min."
                ),
                "values": values,
            },
            {
                "label_selector": _label_selector(
                    "Label selector used to find the resource defined in the `config_map_ref`."
                ),
                "template": template,
            },
        ),
        "clusters": _block(
            "The [cluster generator](https://argo-cd.readthedocs.io/en/stable/operator-manual/"
            "applicationset/Generators-Cluster/) produces parameters based on the list of "
            "items found within the cluster secret.",
            {
                "enabled": _attr(
                    "bool",
                    "Boolean value defaulting to `true` to indicate that "
                    "this block has been added.",
                    required=True,
                ),
                "values": values,
            },
            {
                "selector": _label_selector(
                    "Label selector used to narrow the scope of targeted clusters."
                ),
                "template": template,
            },
        ),
        "git": _block(
            "[Git generators](https://argo-cd.readthedocs.io/en/stable/operator-manual/"
            "applicationset/Generators-Git/) generate parameters using either the directory "
            "structure of a Git repository or the contents of JSON/YAML files in it.",
            {
                "path_param_prefix": _attr(
                    "string", "Prefix for all path-related parameter names."
                ),
                "repo_url": _attr("string", "URL to the repository to use.", required=True),
                "revision": _attr("string", "Revision of the source repository to use."),
                "values": values,
            },
            {
                "directory": _block(
                    "List of directories in the source repository to use when templating the "
                    "application.",
                    {
                        "exclude": _attr(
                            "bool", "Whether the directory should be excluded when templating."
                        ),
                        "path": _attr("string", "Path in the repository.", required=True),
                    },
                ),
                "file": _block(
                    "List of files in the source repository to use when templating the "
                    "application.",
                    {"path": _attr("string", "Path to the file in the repository.", required=True)},
                ),
                "template": template,
            },
        ),
        "list": _block(
            "[List generators](https://argo-cd.readthedocs.io/en/stable/operator-manual/"
            "applicationset/Generators-List/) generate parameters based on an arbitrary list "
            "of key/value pairs.",
            {
                "elements": _attr(
                    ["list", ["map", "string"]],
                    "List of key/value pairs to pass as parameters into the template.",
                    required=True,
                ),
                "elements_yaml": _attr(
                    "string", "YAML string containing the list of key/value pairs."
                ),
            },
            {"template": template},
        ),
        "pull_request": _block(
            "[Pull Request generators](https://argo-cd.readthedocs.io/en/stable/"
            "operator-manual/applicationset/Generators-Pull-Request/) use the API of an SCM "
            "provider to discover open pull requests within a repository.",
            {
                "requeue_after_seconds": _attr(
                    "string", "How often to check for changes (in seconds). Default: 30min."
                )
            },
            {
                **_scm_providers(pull_request=True),
                "filter": _block(
                    "Filters allow selecting which pull requests to generate for.",
                    {"branch_match": _attr("string", "A regex which must match the branch name.")},
                ),
                "template": template,
            },
        ),
        "scm_provider": _block(
            "[SCM Provider generators](https://argo-cd.readthedocs.io/en/stable/"
            "operator-manual/applicationset/Generators-SCM-Provider/) use the API of an SCM "
            "provider to discover repositories within an organization.",
            {
                "clone_protocol": _attr(
                    "string",
                    "Which protocol to use for the SCM URL. "
                    "Default is provider-specific but ssh if possible.",
                ),
                "requeue_after_seconds": _attr(
                    "string", "How often to check for changes (in seconds). Default: 3min."
                ),
            },
            {
                **_scm_providers(pull_request=False),
                "filter": _block(
                    "Filters for which repositories should be considered.",
                    {
                        "branch_match": _attr(
                            "string", "A regex which must match the branch name."
                        ),
                        "label_match": _attr(
                            "string", "A regex which must match at least one label."
                        ),
                        "paths_do_not_exist": _attr(
                            ["list", "string"], "An array of paths, all of which must not exist."
                        ),
                        "paths_exist": _attr(
                            ["list", "string"], "An array of paths, all of which must exist."
                        ),
                        "repository_match": _attr("string", "A regex for repository names."),
                    },
                ),
                "template": template,
            },
        ),
        "selector": _label_selector(
            "The Selector allows to post-filter based on generated "
            "values using the Kubernetes common labelSelector format."
        ),
    }
    if level > 1:
        child = _generator(level - 1)
        blocks["matrix"] = _block(
            "[Matrix generators](https://argo-cd.readthedocs.io/en/stable/operator-manual/"
            "applicationset/Generators-Matrix/) combine the parameters generated by two child "
            "generators.",
            None,
            {
                "generator": {**child, "min_items": 2, "max_items": 2},
                "template": template,
            },
        )
        blocks["merge"] = _block(
            "[Merge generators](https://argo-cd.readthedocs.io/en/stable/operator-manual/"
            "applicationset/Generators-Merge/) combine parameters produced by the base (first) "
            "generator with matching parameter sets produced by subsequent generators.",
            {
                "merge_keys": _attr(
                    ["list", "string"], "Keys to merge into resulting parameter set.", required=True
                )
            },
            {
                "generator": {**child, "min_items": 2},
                "template": template,
            },
        )
    return _block(
        "Application set generators. Generators are responsible for generating parameters, "
        "which are then rendered into the template fields of the ApplicationSet resource.",
        None,
        blocks,
        min_items=1,
    )


def application_set_block() -> dict[str, Any]:
    """The ``argocd_application_set`` resource block."""
    spec = _block(
        "ArgoCD application set resource spec.",
        {
            "go_template": _attr(
                "bool", "Enable use of [Go Text Template](https://pkg.go.dev/text/template)."
            ),
            "go_template_options": _attr(
                ["set", "string"],
                "Optional list of Go templating options. Only relevant if `go_template` is true.",
            ),
        },
        {
            "generator": _generator(3),
            "ignore_application_differences": _block(
                "Application Set ignoreApplicationDifferences.",
                {
                    "jq_path_expressions": _attr(
                        ["set", "string"], "jq path to ignore differences."
                    ),
                    "json_pointers": _attr(
                        ["set", "string"], "Json pointers to ignore differences."
                    ),
                    "name": _attr("string", "Name of the application to ignore differences of."),
                },
            ),
            "strategy": _block(
                "Progressive Sync strategy.",
                {"type": _attr("string", "Type of progressive sync.", required=True)},
                {
                    "rolling_sync": _block(
                        "Update strategy allowing you to group applications by labels present "
                        "on the generated application resources.",
                        None,
                        {
                            "step": _block(
                                "Configuration used to define which applications to include "
                                "in each stage of the rolling sync.",
                                {
                                    "max_update": _attr(
                                        "string",
                                        "Maximum number of simultaneous "
                                        "application updates in a group.",
                                    )
                                },
                                {
                                    "match_expressions": _label_selector(
                                        "A list of label selector requirements."
                                    )["block"]["block_types"]["match_expressions"]
                                },
                                min_items=1,
                            )
                        },
                        max_items=1,
                    )
                },
                max_items=1,
            ),
            "sync_policy": _block(
                "Application Set sync policy.",
                {
                    "applications_sync": _attr(
                        "string", "Represents the policy applied on the generated applications."
                    ),
                    "preserve_resources_on_deletion": _attr(
                        "bool",
                        "Whether to keep the "
                        "generated applications' resources "
                        "when the application set is "
                        "deleted.",
                    ),
                },
                max_items=1,
            ),
            "template": _template(
                "Application set template. The template fields of the "
                "ApplicationSet spec are used to generate Argo CD "
                "Application resources."
            ),
        },
        min_items=1,
        max_items=1,
    )
    metadata = _block(
        "Standard Kubernetes object metadata.",
        {
            "annotations": _attr(
                ["map", "string"], "An unstructured key value map stored with the application set."
            ),
            "generation": _attr(
                "number",
                "A sequence number representing a specific generation of the desired state.",
                computed=True,
            ),
            "labels": _attr(
                ["map", "string"],
                "Map of string keys and values that can be used "
                "to organize and categorize the application set.",
            ),
            "name": _attr(
                "string",
                "Name of the application set, must be unique.",
                optional=True,
                computed=True,
            ),
            "namespace": _attr(
                "string", "Namespace of the application set.", optional=True, computed=True
            ),
            "resource_version": _attr(
                "string",
                "An opaque value that represents the internal version of this application set.",
                computed=True,
            ),
            "uid": _attr(
                "string",
                "The unique in time and space value for this application set.",
                computed=True,
            ),
        },
        min_items=1,
        max_items=1,
    )
    return {
        "version": 1,
        "block": {
            "attributes": {
                "id": {"type": "string", "optional": True, "computed": True},
            },
            "block_types": {"metadata": metadata, "spec": spec},
            "description": "Manages [application sets](https://argo-cd.readthedocs.io/en/"
            "stable/user-guide/application-set/) within ArgoCD.",
            "description_kind": "plain",
        },
    }


def application_set_document() -> dict[str, Any]:
    """A schema file with the application set and one small resource beside it."""
    small = {
        "version": 0,
        "block": {
            "attributes": {
                "id": {"type": "string", "optional": True, "computed": True},
                "name": _attr("string", "Name of the project.", required=True),
            },
            "description": "Manages projects within ArgoCD.",
            "description_kind": "plain",
        },
    }
    return {
        "format_version": "1.0",
        "provider_schemas": {
            ADDRESS: {
                "provider": {"version": 0, "block": {"description": "The Argo CD provider."}},
                "resource_schemas": {
                    "argocd_application_set": application_set_block(),
                    "argocd_project": small,
                },
            }
        },
    }


# aws' WAFv2 web ACL: its schema carries no descriptions, so every section is short and the
# page is large by sheer repetition of statements, field-to-match and text transformations.


def _plain(kind: Any, **flags: Any) -> dict[str, Any]:
    return {"type": kind, **(flags or {"optional": True})}


def _waf_block(
    attributes: dict[str, Any] | None = None,
    blocks: dict[str, Any] | None = None,
    *,
    min_items: int = 0,
    max_items: int = 1,
    mode: str = "list",
) -> dict[str, Any]:
    inner: dict[str, Any] = {}
    if attributes:
        inner["attributes"] = attributes
    if blocks:
        inner["block_types"] = blocks
    nested: dict[str, Any] = {"nesting_mode": mode, "block": inner}
    if min_items:
        nested["min_items"] = min_items
    if max_items:
        nested["max_items"] = max_items
    return nested


def _oversize() -> dict[str, Any]:
    return _plain("string")


def _field_to_match() -> dict[str, Any]:
    match_pattern = _waf_block(
        {
            "included_cookies": _plain(["list", "string"]),
            "excluded_cookies": _plain(["list", "string"]),
        },
        {"all": _waf_block()},
        min_items=1,
    )
    headers_pattern = _waf_block(
        {
            "included_headers": _plain(["list", "string"]),
            "excluded_headers": _plain(["list", "string"]),
        },
        {"all": _waf_block()},
        min_items=1,
    )
    return _waf_block(
        None,
        {
            "all_query_arguments": _waf_block(),
            "body": _waf_block({"oversize_handling": _oversize()}),
            "cookies": _waf_block(
                {
                    "match_scope": _plain("string", required=True),
                    "oversize_handling": _plain("string", required=True),
                },
                {"match_pattern": match_pattern},
            ),
            "header_order": _waf_block({"oversize_handling": _plain("string", required=True)}),
            "headers": _waf_block(
                {
                    "match_scope": _plain("string", required=True),
                    "oversize_handling": _plain("string", required=True),
                },
                {"match_pattern": headers_pattern},
            ),
            "ja3_fingerprint": _waf_block({"fallback_behavior": _plain("string", required=True)}),
            "ja4_fingerprint": _waf_block({"fallback_behavior": _plain("string", required=True)}),
            "json_body": _waf_block(
                {
                    "invalid_fallback_behavior": _plain("string"),
                    "match_scope": _plain("string", required=True),
                    "oversize_handling": _oversize(),
                },
                {
                    "match_pattern": _waf_block(
                        {"included_paths": _plain(["list", "string"])},
                        {"all": _waf_block()},
                        min_items=1,
                    )
                },
            ),
            "method": _waf_block(),
            "query_string": _waf_block(),
            "single_header": _waf_block({"name": _plain("string", required=True)}),
            "single_query_argument": _waf_block({"name": _plain("string", required=True)}),
            "uri_fragment": _waf_block(
                {"fallback_behavior": _plain("string", optional=True, computed=True)}
            ),
            "uri_path": _waf_block(),
        },
    )


def _text_transformation() -> dict[str, Any]:
    return _waf_block(
        {"priority": _plain("number", required=True), "type": _plain("string", required=True)},
        min_items=1,
        max_items=0,
        mode="set",
    )


def _forwarded_ip_config() -> dict[str, Any]:
    return _waf_block(
        {
            "fallback_behavior": _plain("string", required=True),
            "header_name": _plain("string", required=True),
        }
    )


def _match_statements() -> dict[str, Any]:
    """The statements every level of nesting offers."""

    def matching(extra: dict[str, Any]) -> dict[str, Any]:
        return _waf_block(
            extra,
            {"field_to_match": _field_to_match(), "text_transformation": _text_transformation()},
        )

    return {
        "asn_match_statement": _waf_block(
            {"asn_list": _plain(["list", "number"], required=True)},
            {"forwarded_ip_config": _forwarded_ip_config()},
        ),
        "byte_match_statement": matching(
            {
                "positional_constraint": _plain("string", required=True),
                "search_string": _plain("string", required=True),
            }
        ),
        "geo_match_statement": _waf_block(
            {"country_codes": _plain(["list", "string"], required=True)},
            {"forwarded_ip_config": _forwarded_ip_config()},
        ),
        "ip_set_reference_statement": _waf_block(
            {"arn": _plain("string", required=True)},
            {
                "ip_set_forwarded_ip_config": _waf_block(
                    {
                        "fallback_behavior": _plain("string", required=True),
                        "header_name": _plain("string", required=True),
                        "position": _plain("string", required=True),
                    }
                )
            },
        ),
        "label_match_statement": _waf_block(
            {"key": _plain("string", required=True), "scope": _plain("string", required=True)}
        ),
        "regex_match_statement": matching({"regex_string": _plain("string", required=True)}),
        "regex_pattern_set_reference_statement": matching({"arn": _plain("string", required=True)}),
        "size_constraint_statement": matching(
            {
                "comparison_operator": _plain("string", required=True),
                "size": _plain("number", required=True),
            }
        ),
        "sqli_match_statement": matching({"sensitivity_level": _plain("string")}),
        "xss_match_statement": matching({}),
    }


def _statement(level: int) -> dict[str, Any]:
    """``and_statement``/``or_statement``/``not_statement`` of ``level`` (1: no deeper)."""
    inner = _match_statements()
    if level > 1:
        deeper = _statement(level - 1)
        inner.update(and_statement=deeper, not_statement=deeper, or_statement=deeper)
    return _waf_block(None, {"statement": _waf_block(None, inner, min_items=1, max_items=0)})


def _custom_request_handling() -> dict[str, Any]:
    return _waf_block(
        None,
        {
            "insert_header": _waf_block(
                {"name": _plain("string", required=True), "value": _plain("string", required=True)},
                min_items=1,
                max_items=0,
                mode="set",
            )
        },
    )


def _rule_action() -> dict[str, Any]:
    handled = _waf_block(None, {"custom_request_handling": _custom_request_handling()})
    return _waf_block(
        None,
        {
            "allow": handled,
            "block": _waf_block(
                None,
                {
                    "custom_response": _waf_block(
                        {
                            "custom_response_body_key": _plain("string"),
                            "response_code": _plain("number", required=True),
                        },
                        {
                            "response_header": _waf_block(
                                {
                                    "name": _plain("string", required=True),
                                    "value": _plain("string", required=True),
                                },
                                max_items=0,
                                mode="set",
                            )
                        },
                    )
                },
            ),
            "captcha": handled,
            "challenge": handled,
            "count": handled,
        },
    )


def web_acl_block(level: int = 3) -> dict[str, Any]:
    """The ``aws_wafv2_web_acl`` resource block (statements nested ``level`` deep)."""
    statement = _match_statements()
    nested = _statement(level)
    statement.update(and_statement=nested, not_statement=nested, or_statement=nested)
    statement["rate_based_statement"] = _waf_block(
        {
            "aggregate_key_type": _plain("string"),
            "evaluation_window_sec": _plain("number"),
            "limit": _plain("number", required=True),
        },
        {
            "forwarded_ip_config": _forwarded_ip_config(),
            "scope_down_statement": _waf_block(
                None,
                {
                    **_match_statements(),
                    "and_statement": nested,
                    "not_statement": nested,
                    "or_statement": nested,
                },
            ),
        },
    )
    visibility = _waf_block(
        {
            "cloudwatch_metrics_enabled": _plain("bool", required=True),
            "metric_name": _plain("string", required=True),
            "sampled_requests_enabled": _plain("bool", required=True),
        },
        min_items=1,
    )
    rule = _waf_block(
        {"name": _plain("string", required=True), "priority": _plain("number", required=True)},
        {
            "action": _rule_action(),
            "override_action": _waf_block(None, {"count": _waf_block(), "none": _waf_block()}),
            "rule_label": _waf_block(
                {"name": _plain("string", required=True)}, max_items=0, mode="set"
            ),
            "statement": _waf_block(None, statement, min_items=1),
            "visibility_config": visibility,
        },
        max_items=0,
        mode="set",
    )
    return {
        "version": 0,
        "block": {
            "attributes": {
                "arn": _plain("string", computed=True),
                "capacity": _plain("number", computed=True),
                "description": _plain("string"),
                "id": _plain("string", optional=True, computed=True),
                "name": _plain("string", required=True),
                "scope": _plain("string", required=True),
                "tags": _plain(["map", "string"]),
            },
            "block_types": {
                "default_action": _waf_block(
                    None,
                    {
                        "allow": _rule_action()["block"]["block_types"]["allow"],
                        "block": _rule_action()["block"]["block_types"]["block"],
                    },
                    min_items=1,
                ),
                "rule": rule,
                "visibility_config": visibility,
            },
        },
    }


def web_acl_document(level: int = 3) -> dict[str, Any]:
    """A schema file with the web ACL."""
    return {
        "format_version": "1.0",
        "provider_schemas": {
            WAF_ADDRESS: {
                "provider": {"version": 0, "block": {}},
                "resource_schemas": {"aws_wafv2_web_acl": web_acl_block(level)},
            }
        },
    }
