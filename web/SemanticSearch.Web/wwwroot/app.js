// Browser glue for the Blazor UI, only where a browser API is needed: an image dropped or pasted anywhere on the
// search page is handed to its file input (Blazor's InputFile streams it to the server), infinite scroll, focus.
(() => {
  'use strict';
  const fileInputId = 'image-query-file';
  let dragDepth = 0;

  const fileInput = () => document.getElementById(fileInputId);
  const carriesFiles = e => !!e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');

  function setDragging(on) {
    document.body.classList.toggle('dragging', on);
  }

  // Blazor wires its InputFile with a JS call sent after the first interactive render (the marker below is the one its
  // init sets); a change event before that is lost, so a file dropped or pasted on a page still starting waits for it.
  const fileInputReady = () => {
    const input = fileInput();
    return !!input && input._blazorInputFileNextFileId !== undefined;
  };

  // Hands the first file to the InputFile element, as if it had been chosen in the file dialog.
  function handOver(files) {
    if (!fileInput() || !files || files.length === 0) return false;
    const file = files[0];
    const since = Date.now();
    const give = () => {
      // After 10 s hand it over anyway: should a Blazor upgrade drop the marker, drops still work once started.
      if (!fileInputReady() && Date.now() - since < 10000) {
        setTimeout(give, 50);
        return;
      }
      const input = fileInput();
      if (!input) return;
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    give();
    return true;
  }

  document.addEventListener('dragenter', e => {
    if (!carriesFiles(e) || !fileInput()) return;
    dragDepth++;
    setDragging(true);
  });
  document.addEventListener('dragover', e => {
    if (!carriesFiles(e) || !fileInput()) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', e => {
    if (!carriesFiles(e)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) setDragging(false);
  });
  document.addEventListener('drop', e => {
    dragDepth = 0;
    setDragging(false);
    // Text dragged into the search box keeps its normal behaviour; only files become image queries.
    if (!fileInput() || !carriesFiles(e)) return;
    e.preventDefault();
    handOver(e.dataTransfer.files);
  });
  // Text pasted into the search box is cut to its maxlength (the server's query limit) here rather than silently by
  // the browser, so the box can say that it was cut and by how much.
  const searchInputId = 'search-input';
  const truncatedNoticeId = 'search-truncated';

  function showTruncated(message) {
    const notice = document.getElementById(truncatedNoticeId);
    if (!notice) return;
    notice.textContent = message;
    notice.hidden = !message;
  }

  document.addEventListener('paste', e => {
    const input = e.target;
    if (!input || input.id !== searchInputId || !e.clipboardData || e.clipboardData.files.length > 0) return;
    const max = input.maxLength;
    const pasted = e.clipboardData.getData('text/plain').replace(/[\r\n]+/g, ' ');
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    const room = max - (input.value.length - (end - start));
    if (max < 0 || pasted.length <= room) {
      showTruncated('');
      return;
    }
    e.preventDefault();
    const kept = Math.max(0, room);
    input.setRangeText(pasted.slice(0, kept), start, end, 'end');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    showTruncated(`The pasted text was cut to ${max} characters, the longest query allowed: ` +
      `${(pasted.length - kept).toLocaleString('en')} characters were left out.`);
  }, true);
  document.addEventListener('input', e => {
    // Typing after a cut paste: the notice no longer describes what is in the box.
    if (e.isTrusted && e.target && e.target.id === searchInputId) showTruncated('');
  });

  document.addEventListener('paste', e => {
    const files = e.clipboardData && e.clipboardData.files;
    if (!files || files.length === 0 || !fileInput()) return;
    e.preventDefault();
    handOver(files);
  });

  // The open viewer is modal: Tab cycles inside it, and Escape closes it even when focus fell out of it (a button that
  // became disabled under the focus leaves it on the body). Inside the dialog Blazor's own key handler closes it.
  const openDialog = () => document.querySelector('[role=dialog][aria-modal=true]');
  const focusablesOf = dialog => Array.from(dialog.querySelectorAll(
    'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])'));
  document.addEventListener('keydown', e => {
    const dialog = openDialog();
    if (!dialog) return;
    if (e.key === 'Escape' && !dialog.contains(e.target)) {
      e.preventDefault();
      const close = dialog.querySelector('[data-close]');
      if (close) close.click();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = focusablesOf(dialog);
    const active = document.activeElement;
    if (items.length === 0) {
      e.preventDefault();
      dialog.focus();
    } else if (!dialog.contains(active)) {
      e.preventDefault();
      (e.shiftKey ? items[items.length - 1] : items[0]).focus();
    } else if (e.shiftKey && (active === items[0] || active === dialog)) {
      e.preventDefault();
      items[items.length - 1].focus();
    } else if (!e.shiftKey && active === items[items.length - 1]) {
      e.preventDefault();
      items[0].focus();
    }
  });

  const observed = new WeakMap();

  window.semsearch = {
    // True once the page's image file input can take a file (no file input: false).
    fileInputReady,
    // Clicks the "show more" button whenever it comes near the viewport.
    observeLoadMore(button) {
      if (!button || !('IntersectionObserver' in window)) return;
      const previous = observed.get(button);
      if (previous) previous.disconnect();
      const observer = new IntersectionObserver(entries => {
        if (entries.some(entry => entry.isIntersecting) && !button.disabled) button.click();
      }, { rootMargin: '600px 0px' });
      observer.observe(button);
      observed.set(button, observer);
    },
    back() {
      history.back();
    },
    focusTile(id) {
      const tile = document.querySelector(`.tile[data-image-id="${id}"]`);
      if (tile) tile.focus();
    },
    resetFileInput(id) {
      const input = document.getElementById(id);
      if (input) input.value = '';
    },
    // The browser's language (BCP 47), sent with text queries for multilingual models that need it.
    language() {
      return navigator.language || '';
    },
  };
})();
