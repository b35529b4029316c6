import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CHANGE_CHANNEL,
  NOTIFY_CHANNEL,
  channelFor,
  type BridgeApi,
  type HandoffBridge,
} from '../core/bridge';
import { METHOD_NAMES } from '../core/contract';

// One named function per contract method; the page never sees ipcRenderer itself.
const api = Object.fromEntries(
  METHOD_NAMES.map((m) => [m, (input: unknown) => ipcRenderer.invoke(channelFor(m), input)]),
) as unknown as BridgeApi;

const bridge: HandoffBridge = {
  api,
  onChange(listener) {
    const wrapped = (_e: IpcRendererEvent, payload: { topic: string }) =>
      listener({ topic: String(payload?.topic) });
    ipcRenderer.on(CHANGE_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(CHANGE_CHANNEL, wrapped);
  },
  notify(notice) {
    ipcRenderer.send(NOTIFY_CHANNEL, { title: String(notice.title), body: String(notice.body) });
  },
};

contextBridge.exposeInMainWorld('handoff', bridge);
