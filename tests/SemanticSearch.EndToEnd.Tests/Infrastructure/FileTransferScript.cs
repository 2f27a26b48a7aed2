using Microsoft.Playwright;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>Drops a file on a page the way a person dragging it from their desktop does (dragenter, dragover, drop).</summary>
internal static class DropScript
{
    private const string Script = """
        async ({ base64, name, type }) => {
          const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], name, { type }));
          const target = document.querySelector('main') || document.body;
          for (const kind of ['dragenter', 'dragover', 'drop']) {
            target.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
          }
        }
        """;

    public static Task DropFileAsync(IPage page, byte[] bytes, string name, string type) =>
        page.EvaluateAsync(Script, new { base64 = Convert.ToBase64String(bytes), name, type });
}
