import {describe, expect, it} from 'vitest';
import {KindedEvent, kindedEvent} from './event-kind.js';
import {methodOf, normalizeBasePath, pathOf, toRouterRequest} from './request.js';
import {fixture} from './test-support/fixtures.js';

function kinded(event: unknown): KindedEvent {
    const k = kindedEvent(event);
    if (k === undefined) throw new Error('not an HTTP event');
    return k;
}

describe('pathOf', () => {
    it('HTTP API on a named stage: strips the stage (v2__rs_stage-in-path.json)', () => {
        const event = fixture('v2__rs_stage-in-path.json');
        expect(event.rawPath).toBe('/Prod/my/path');
        expect(pathOf(kinded(event))).toBe('/my/path');
    });

    it('HTTP API: the bare stage path is /', () => {
        const event = fixture('v2__rs_stage-in-path.json');
        event.rawPath = '/Prod';
        expect(pathOf(kinded(event))).toBe('/');
    });

    it('HTTP API: a path that only starts with the stage name keeps it', () => {
        const event = fixture('v2__rs_stage-in-path.json');
        event.rawPath = '/Production/x';
        expect(pathOf(kinded(event))).toBe('/Production/x');
    });

    it('never strips the $default stage', () => {
        const event = fixture('v2__py_apigw-v2.json');
        expect(event.requestContext.stage).toBe('$default');
        event.rawPath = '/$default/my/path';
        expect(pathOf(kinded(event))).toBe('/$default/my/path');
    });

    it('stripStage: false keeps the stage', () => {
        expect(pathOf(kinded(fixture('v2__rs_stage-in-path.json')), {stripStage: false})).toBe('/Prod/my/path');
    });

    it('HTTP API: takes rawPath as sent (not decoded), and requestContext.http.path without it', () => {
        const event = fixture('v2__py_apigw-v2.json');
        event.rawPath = '/my%2Fpath';
        expect(pathOf(kinded(event))).toBe('/my%2Fpath');
        delete event.rawPath;
        expect(pathOf(kinded(event))).toBe('/my/path');
    });

    it('REST API: path never carries the stage, even when a route is named like it', () => {
        const event = fixture('v1__pt_rest-no-auth.json');
        expect(event.requestContext).toMatchObject({stage: 'prod', path: '/prod/no-auth'});
        expect(pathOf(kinded(event))).toBe('/no-auth');
        // A REST route at /prod/no-auth on stage prod: requestContext.path has the stage in front of it.
        event.path = '/prod/no-auth';
        event.requestContext.path = '/prod/prod/no-auth';
        expect(pathOf(kinded(event))).toBe('/prod/no-auth');
    });

    it('HTTP API sending payload 1.0 on a named stage: strips it (path equals requestContext.path)', () => {
        const event = fixture('v1__py_apigw-proxy.json');
        event.requestContext.stage = 'Prod';
        event.path = event.requestContext.path = '/Prod/my/path';
        expect(pathOf(kinded(event))).toBe('/my/path');
    });

    it('ALB: the path as sent, whatever the query (alb__rs_encoded-query.json)', () => {
        const event = fixture('alb__rs_encoded-query.json');
        expect(event.queryStringParameters).toEqual({myKey: '%3FshowAll%3Dtrue'});
        expect(pathOf(kinded(event))).toBe('/');
        expect(pathOf(kinded(fixture('alb__rs_no-host.json')))).toBe('/v1/health/');
    });

    it('a missing path is /', () => {
        const event = fixture('v1__rs_no-host.json');
        delete event.path;
        expect(pathOf(kinded(event))).toBe('/');
    });

    it('drops a query string left in a path', () => {
        const event = fixture('alb__pt_base.json');
        event.path = '/lambda?x=1';
        expect(pathOf(kinded(event))).toBe('/lambda');
    });

    it('basePath: strips a custom domain mapping key, after the stage', () => {
        const event = fixture('v2__rs_stage-in-path.json');
        event.rawPath = '/Prod/v1/my/path';
        expect(pathOf(kinded(event), {basePath: 'v1'})).toBe('/my/path');
        expect(pathOf(kinded(event), {basePath: '/v1/'})).toBe('/my/path');
        expect(pathOf(kinded(event), {basePath: '/v'})).toBe('/v1/my/path');
    });
});

describe('normalizeBasePath', () => {
    it.each([
        [undefined, ''],
        ['', ''],
        ['/', ''],
        ['v1', '/v1'],
        ['/v1/', '/v1'],
        ['//a/b//', '/a/b'],
    ])('%j -> %j', (input, output) => {
        expect(normalizeBasePath(input)).toBe(output);
    });
});

describe('methodOf', () => {
    it('reads httpMethod (1.0, ALB) or requestContext.http.method (2.0), upper case', () => {
        expect(methodOf(kinded(fixture('v1__pt_rest-no-auth.json')))).toBe('POST');
        expect(methodOf(kinded(fixture('alb__pt_base.json')))).toBe('GET');
        expect(methodOf(kinded(fixture('v2__py_apigw-v2.json')))).toBe('POST');
        const event = fixture('url__rs_function-url.json');
        event.requestContext.http.method = 'get';
        expect(methodOf(kinded(event))).toBe('GET');
    });
});

describe('toRouterRequest', () => {
    it('puts method, path, headers and the decoded body together', () => {
        const event = fixture('v2__rs_stage-in-path.json');
        expect(toRouterRequest(kinded(event), 'Hello from Lambda')).toEqual({
            method: 'POST',
            path: '/my/path',
            headers: {header1: 'value1', header2: 'value2', cookie: 'cookie1=value1; cookie2=value2'},
            body: 'Hello from Lambda',
        });
    });
});
