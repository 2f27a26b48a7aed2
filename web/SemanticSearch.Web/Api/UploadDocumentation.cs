using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SemanticSearch.Web.Api;

/// <summary>The OpenAPI description of the image upload body (multipart field <c>file</c>, or the raw bytes).</summary>
public static class UploadDocumentation
{
    /// <summary>An operation transformer that documents the upload body.</summary>
    public static Task DescribeImageBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The query image: a multipart form with a file field named 'file', or the image bytes as the body. " +
                          "At most 20 MB by default; the format is read from the bytes, whatever the content type says.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = binary },
                    },
                },
                ["application/octet-stream"] = new() { Schema = binary },
                ["image/*"] = new() { Schema = binary },
            },
        };
        return Task.CompletedTask;
    }
}
