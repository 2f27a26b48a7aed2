using Microsoft.Playwright;

namespace SemanticSearch.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Drops a file on a page the way a person dragging it from their desktop does (dragenter, dragover, drop), or pastes
/// one. Real drags cannot be scripted across the browser boundary, so the same events are dispatched with a DataTransfer.
/// </summary>
internal static class FileTransferScript
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

    private const string PasteScript = """
        async ({ base64, name, type }) => {
          const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], name, { type }));
          document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        }
        """;

    public static Task DropFileAsync(IPage page, byte[] bytes, string name, string type) =>
        page.EvaluateAsync(Script, new { base64 = Convert.ToBase64String(bytes), name, type });

    /// <summary>Pastes a file the way Ctrl+V does after copying an image (a paste event carrying the file).</summary>
    public static Task PasteFileAsync(IPage page, byte[] bytes, string name, string type) =>
        page.EvaluateAsync(PasteScript, new { base64 = Convert.ToBase64String(bytes), name, type });
}
