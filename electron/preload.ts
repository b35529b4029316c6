import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANGE_CHANNEL, channelFor, type BridgeApi, type HandoffBridge } from '../core/bridge';
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
};

contextBridge.exposeInMainWorld('handoff', bridge);
